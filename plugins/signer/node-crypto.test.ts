// Runs the signer conformance suite on `node-crypto`.
import factory from './node-crypto.ts';
import { runSignerConformance } from './signer.case.ts';

runSignerConformance(factory);
