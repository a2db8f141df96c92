/** A file that cannot be imported at all: one clear French message, and the store is left unchanged. */
export class ExtractFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractFileError';
  }
}
