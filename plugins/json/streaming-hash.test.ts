// Runs the json conformance suite on `streaming-hash`.
import factory from './streaming-hash.ts';
import { runJsonConformance } from './json.case.ts';

runJsonConformance(factory);
