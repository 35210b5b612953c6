// Runs the json conformance suite on `single-pass`.
import factory from './single-pass.ts';
import { runJsonConformance } from './json.case.ts';

runJsonConformance(factory);
