// Runs the signer conformance suite on `tweetnacl`.
import factory from './tweetnacl.ts';
import { runSignerConformance } from './signer.case.ts';

runSignerConformance(factory);
