// The interop harness: real Synapse peers and Fluctlight child processes for scripts/interop/*.interop.ts.
export { usePeers, type Peers, type PeersOptions } from './peers.ts';
export { SynapsePeer, startSynapse, type SynapseOptions } from './synapse.ts';
export { SynapseClient, SynapseUser, SynapseApiError, type ClientEvent, type CreateRoomOptions } from './synapse-client.ts';
export { FluctlightProcess, startFluctlight, type FluctlightOptions } from './fluctlight.ts';
export { codec, signer, entryFor, fetchServerKeys, isSignedBy, onlyVerifyKey, selfSignedKey, type PublishedKey, type ServerKeyResponse } from './keys.ts';
export { signingClient } from './federation.ts';
export { waitFor, type WaitOptions } from './wait.ts';
export { cleanupAll, registerCleanup, type Cleanup } from './cleanup.ts';
export { freePort } from './ports.ts';
export { REPO_ROOT, InteropSetupError, sharedDir, synapseScript, synapseChroot } from './paths.ts';
export { AdminClient, AdminApiError, adminOf, ROOM_VERSIONS, FEDERATION_WAIT, waitForOurTimeline, waitForSynapseTimeline, waitForOurMembership,
  waitForSynapseMembership, type AdminPdu, type AdminRoom, type AdminEvent, type AdminInvite } from './admin.ts';
