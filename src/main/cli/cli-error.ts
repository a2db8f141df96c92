/** A problem the user can fix (bad option, missing file): printed on one line, exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit codes of `atelier`: 0 ok, 1 user error, 2 internal error. */
export const EXIT_OK = 0;
export const EXIT_USER_ERROR = 1;
export const EXIT_INTERNAL_ERROR = 2;
