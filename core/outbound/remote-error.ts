// A failed request to another server, as the Matrix error our caller (the admin API) answers with: the peer's
// own 4xx error passes through (its status and errcode); anything else is 502 (the peer could not help).
import { Errcode, MatrixError } from '../matrix/errors.ts';
import { FederationRequestError, FailureKind } from './federation-error.ts';

export function remoteError(err: unknown, what: string): MatrixError {
  if (err instanceof MatrixError) return err;
  if (err instanceof FederationRequestError) {
    if (err.kind === FailureKind.HTTP && err.status !== undefined && err.status >= 400 && err.status < 500) {
      const body = err.body as { error?: unknown } | undefined;
      const message = typeof body?.error === 'string' ? body.error : err.message;
      return new MatrixError(err.status, (err.errcode ?? Errcode.UNKNOWN) as Errcode, `${what}: ${err.destination} refused: ${message}`);
    }
    return new MatrixError(502, Errcode.UNKNOWN, `${what}: ${err.message}`);
  }
  return new MatrixError(502, Errcode.UNKNOWN, `${what}: ${err instanceof Error ? err.message : String(err)}`);
}

/** Of several failures (one per server tried), the most telling: a peer's 4xx answer over a network failure. */
export function bestError(errors: readonly MatrixError[], what: string): MatrixError {
  return errors.find((e) => e.status >= 400 && e.status < 500) ?? errors[errors.length - 1] ?? new MatrixError(400, Errcode.UNKNOWN, `${what}: no server to ask`);
}
