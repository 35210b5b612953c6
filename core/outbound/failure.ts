// Maps transport errors to a FailureKind and reads Matrix error bodies from non-2xx responses.
import { FailureKind } from './federation-error.ts';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
// OpenSSL verification codes (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED, UNABLE_TO_VERIFY_LEAF_SIGNATURE, …)
// and Node's ERR_TLS_* / ERR_SSL_* handshake codes.
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_)|CERT|SELF_SIGNED|UNABLE_TO_/;

export function classifyFailure(err: unknown, callerSignal?: AbortSignal, deadline?: AbortSignal): FailureKind {
  if (callerSignal?.aborted) return FailureKind.ABORTED;
  if (deadline?.aborted) return FailureKind.TIMEOUT;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (TIMEOUT_CODES.has(code)) return FailureKind.TIMEOUT;
    if (TLS_CODE.test(code)) return FailureKind.TLS;
  }
  return FailureKind.NETWORK;
}

export interface ParsedErrorBody {
  errcode: string | undefined;
  error: string | undefined;
  fields: { errcode?: string; body?: unknown; retryAfterMs?: number };
}

/** Reads `{"errcode","error","retry_after_ms"}` if the body is a JSON object; tolerates anything else. */
export function parseErrorBody(raw: Buffer, retryAfterHeader: string | string[] | undefined): ParsedErrorBody {
  let body: unknown;
  try {
    body = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
  } catch {
    body = undefined;
  }
  const obj = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const errcode = typeof obj['errcode'] === 'string' ? obj['errcode'] : undefined;
  const error = typeof obj['error'] === 'string' ? obj['error'] : undefined;
  let retryAfterMs = typeof obj['retry_after_ms'] === 'number' ? obj['retry_after_ms'] : undefined;
  if (retryAfterMs === undefined && typeof retryAfterHeader === 'string' && /^\d+$/.test(retryAfterHeader)) {
    retryAfterMs = Number(retryAfterHeader) * 1000;
  }
  const fields: ParsedErrorBody['fields'] = {};
  if (errcode !== undefined) fields.errcode = errcode;
  if (body !== undefined) fields.body = body;
  if (retryAfterMs !== undefined) fields.retryAfterMs = retryAfterMs;
  return { errcode, error, fields };
}
