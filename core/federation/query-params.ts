// Reading query parameters of federation GET requests: required/optional integers and strings, with the
// spec's errors (400 M_MISSING_PARAM when absent, 400 M_INVALID_PARAM when malformed).
import type { Request } from '../http/route.ts';
import { invalidParam, missingParam } from '../matrix/errors.ts';

const INTEGER = /^-?\d{1,16}$/;

/** An integer parameter; `fallback` when absent (undefined fallback: the parameter is required). */
export function intParam(req: Request, name: string, fallback?: number): number {
  const raw = req.query().get(name);
  if (raw === null || raw === '') {
    if (fallback === undefined) throw missingParam(`${name} is required`);
    return fallback;
  }
  const n = Number(raw);
  if (!INTEGER.test(raw) || !Number.isSafeInteger(n)) throw invalidParam(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return n;
}

/** A required, non-empty string parameter. */
export function stringParam(req: Request, name: string): string {
  const raw = req.query().get(name);
  if (raw === null || raw === '') throw missingParam(`${name} is required`);
  return raw;
}

/** A boolean parameter: `true` or `false` (absent: false); anything else is 400 M_INVALID_PARAM. */
export function boolParam(req: Request, name: string): boolean {
  const raw = req.query().get(name);
  if (raw === null || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw invalidParam(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}
