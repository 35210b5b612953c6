// Matrix authorisation rules for room versions 6–12: the public surface of core/matrix/event-auth.
export { checkAuth, authTypesFor, type AuthResult, type StateLookup, type AuthOptions } from './check-auth.ts';
export { NO_THIRD_PARTY_VERIFIER } from './auth-context.ts';
export { checkAuthEvents, type AuthEventRecord, type AuthEventFetch } from './auth-events.ts';
export { stateLookupFrom } from './state-lookup.ts';
export { thirdPartySignatureVerifier, thirdPartyPublicKeys, type ThirdPartySignatureVerifier } from './third-party-invite.ts';
export { parseLevel, LEVEL_DEFAULTS } from './power-levels.ts';
export { isValidUserId } from './user-id.ts';
