// Matrix error codes and the error type that carries one to the wire (spec: client-server "Standard error response").
// Leaf module: no imports.

export const Errcode = {
  FORBIDDEN: 'M_FORBIDDEN',
  UNAUTHORIZED: 'M_UNAUTHORIZED',
  UNKNOWN_TOKEN: 'M_UNKNOWN_TOKEN',
  MISSING_TOKEN: 'M_MISSING_TOKEN',
  BAD_JSON: 'M_BAD_JSON',
  NOT_JSON: 'M_NOT_JSON',
  NOT_FOUND: 'M_NOT_FOUND',
  LIMIT_EXCEEDED: 'M_LIMIT_EXCEEDED',
  UNRECOGNIZED: 'M_UNRECOGNIZED',
  UNKNOWN: 'M_UNKNOWN',
  TOO_LARGE: 'M_TOO_LARGE',
  MISSING_PARAM: 'M_MISSING_PARAM',
  INVALID_PARAM: 'M_INVALID_PARAM',
  INCOMPATIBLE_ROOM_VERSION: 'M_INCOMPATIBLE_ROOM_VERSION',
  UNSUPPORTED_ROOM_VERSION: 'M_UNSUPPORTED_ROOM_VERSION',
  UNABLE_TO_AUTHORISE_JOIN: 'M_UNABLE_TO_AUTHORISE_JOIN',
  UNABLE_TO_GRANT_JOIN: 'M_UNABLE_TO_GRANT_JOIN',
  ROOM_IN_USE: 'M_ROOM_IN_USE',
  USER_IN_USE: 'M_USER_IN_USE',
} as const;
export type Errcode = (typeof Errcode)[keyof typeof Errcode];

/** An error that is answered as `{"errcode","error"}` with an HTTP status. */
export class MatrixError extends Error {
  readonly status: number;
  readonly errcode: Errcode;
  readonly extra: Record<string, unknown> | undefined;
  constructor(status: number, errcode: Errcode, message: string, extra?: Record<string, unknown>) {
    super(message);
    this.name = 'MatrixError';
    this.status = status;
    this.errcode = errcode;
    this.extra = extra;
  }
  toJSON(): Record<string, unknown> {
    return { errcode: this.errcode, error: this.message, ...this.extra };
  }
}

export const badJson = (message: string) => new MatrixError(400, Errcode.BAD_JSON, message);
export const notJson = (message: string) => new MatrixError(400, Errcode.NOT_JSON, message);
export const forbidden = (message: string) => new MatrixError(403, Errcode.FORBIDDEN, message);
export const unauthorized = (message: string) => new MatrixError(401, Errcode.UNAUTHORIZED, message);
export const notFound = (message: string) => new MatrixError(404, Errcode.NOT_FOUND, message);
export const invalidParam = (message: string) => new MatrixError(400, Errcode.INVALID_PARAM, message);
export const missingParam = (message: string) => new MatrixError(400, Errcode.MISSING_PARAM, message);
