// Outgoing federation: the HTTP client, server-name resolution, and request-target helpers.
export {
  FederationClient,
  DEFAULT_TIMEOUTS,
  DEFAULT_MAX_RESPONSE_BYTES,
  type Authorize,
  type AuthorizeRequest,
  type FederationClientOptions,
  type FederationRequestOptions,
  type FederationResponse,
  type FederationTimeouts,
  type HttpMethod,
} from './federation-client.ts';
export { FederationRequestError, FailureKind, type FederationRequestErrorInit } from './federation-error.ts';
export { path, encodeQuery, type QueryParams, type QueryValue } from './path.ts';
export {
  ServerResolver,
  ServerNameError,
  ResolutionStep,
  DEFAULT_FEDERATION_PORT,
  type ResolvedServer,
  type Resolver,
  type ServerResolverOptions,
} from './resolve-server.ts';
export { parseServerName, joinHostPort, type ParsedServerName } from './server-name.ts';
export { lookupFederationSrv, pickSrvRecord, type SrvLookup, type SrvTarget } from './srv.ts';
export {
  WellKnownCache,
  WELL_KNOWN_CACHE,
  parseWellKnown,
  wellKnownCacheMs,
  wellKnownErrorCacheMs,
  type WellKnownFetcher,
  type WellKnownResponse,
} from './well-known.ts';
export { createWellKnownFetcher, type WellKnownFetchOptions } from './well-known-fetch.ts';
