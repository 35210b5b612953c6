// Runs the json conformance suite on `sort-stringify`.
import factory from './sort-stringify.ts';
import { runJsonConformance } from './json.case.ts';

runJsonConformance(factory);
