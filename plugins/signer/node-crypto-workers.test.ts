// Runs the signer conformance suite on `node-crypto-workers` (with at least one worker, whatever the machine).
process.env.FLUCTLIGHT_SIGNER_WORKERS ||= '2';
const { default: factory } = await import('./node-crypto-workers.ts');
const { runSignerConformance } = await import('./signer.case.ts');

runSignerConformance(factory);
