/**
 * The envelope every contract call answers with, whatever the transport.
 * Errors carry a stable machine `code` and a French `message` meant for the user.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'unknown_channel'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'internal';

export interface ApiErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ApiErrorBody };

/** Error thrown by the renderer's client when a call answers `{ ok: false }`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Error a service throws for a problem the user can fix (bad input, missing file, conflicting state).
 * Transports pass its code and message through; any other error becomes `internal`.
 */
export class UserError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'internal'>,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
