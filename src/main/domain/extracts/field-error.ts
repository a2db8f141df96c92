/**
 * A cell that cannot be read: the importer rejects the row and keeps it with this field, a stable reason (the
 * quarantine groups and filters by it) and the detail of this occurrence (the value found, the limit…).
 */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly detail: string | null = null,
  ) {
    super(detail ? `${field} : ${reason} ${detail}` : `${field} : ${reason}`);
    this.name = 'FieldError';
  }
}
