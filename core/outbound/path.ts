// Request-target builders: a `path` template tag that percent-encodes parameters, and query-string encoding.
// The result is sent byte-for-byte and is the X-Matrix `uri` (server-server-api §Request Authentication).

/**
 * `path\`/_matrix/federation/v1/state/${roomId}\`` → each `${}` value passes through encodeURIComponent,
 * so `!room:example.org` becomes `!room%3Aexample.org` and a `/` inside an ID cannot split the path.
 */
export function path(strings: TemplateStringsArray, ...params: Array<string | number>): string {
  let out = strings[0]!;
  for (let i = 0; i < params.length; i++) out += encodeURIComponent(String(params[i])) + strings[i + 1]!;
  return out;
}

export type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number | boolean>;
export type QueryParams = Readonly<Record<string, QueryValue>>;

/**
 * `?k=v&…` in insertion order (empty string when nothing is set). Arrays repeat the key
 * (`?v=1&v=2`, as `/make_join`'s `ver` wants); undefined values are left out.
 */
export function encodeQuery(query: QueryParams | undefined): string {
  if (!query) return '';
  let out = '';
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue;
    const k = encodeURIComponent(key);
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) out += `${out === '' ? '?' : '&'}${k}=${encodeURIComponent(String(v))}`;
  }
  return out;
}
