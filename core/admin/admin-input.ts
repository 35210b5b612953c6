// Reading the /_admin API's inputs: body fields with their types (M_MISSING_PARAM when absent, M_BAD_JSON when
// of the wrong type), local user ids (M_INVALID_PARAM when not ours), and numeric query parameters.
import type { ServerContext } from '../context.ts';
import type { Request } from '../http/route.ts';
import { badJson, invalidParam, missingParam } from '../matrix/errors.ts';
import { parseUserId } from '../matrix/ids.ts';

export type Body = Record<string, unknown>;

/** The JSON object body (M_NOT_JSON when there is none or it is not an object). */
export const bodyOf = (req: Request): Body => req.json();

export function requireString(body: Body, key: string): string {
  const v = body[key];
  if (v === undefined || v === null) throw missingParam(`"${key}" is required`);
  if (typeof v !== 'string') throw badJson(`"${key}" must be a string`);
  if (v === '') throw invalidParam(`"${key}" must not be empty`);
  return v;
}

export function optionalString(body: Body, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badJson(`"${key}" must be a string`);
  return v;
}

export function requireObject(body: Body, key: string): Record<string, unknown> {
  const v = body[key];
  if (v === undefined || v === null) throw missingParam(`"${key}" is required`);
  if (typeof v !== 'object' || Array.isArray(v)) throw badJson(`"${key}" must be a JSON object`);
  return v as Record<string, unknown>;
}

export function optionalStringArray(body: Body, key: string): string[] {
  const v = body[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw badJson(`"${key}" must be an array of strings`);
  return v as string[];
}

/**
 * A user of this server named by `key`. With `create` the directory records it if new (the users the admin API
 * acts for are created on first use); otherwise it is only checked to be a valid id on our server.
 */
export function localUser(ctx: ServerContext, body: Body, key: string, create: boolean): string {
  const id = requireString(body, key);
  if (create) return ctx.directory.ensureUser(id);
  const parts = parseUserId(id);
  if (parts === undefined || parts.serverName !== ctx.serverName) throw invalidParam(`${key}: ${id} is not a user id on ${ctx.serverName}`);
  return id;
}

/** Any valid user id (a target may be remote). */
export function anyUser(body: Body, key: string): string {
  const id = requireString(body, key);
  if (parseUserId(id) === undefined) throw invalidParam(`${key}: ${id} is not a valid user id`);
  return id;
}

/** A non-negative integer query parameter, or `dflt` when absent. */
export function queryInt(req: Request, key: string, dflt: number | undefined, min = 0): number | undefined {
  const raw = req.query().get(key);
  if (raw === null || raw === '') return dflt;
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < min) throw invalidParam(`query parameter ${key} must be an integer ≥ ${min}, got "${raw}"`);
  return Number(raw);
}
