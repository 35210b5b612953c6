// Runs the interner conformance suite on `map`.
import factory from './map.ts';
import { runInternerConformance } from './interner.case.ts';

runInternerConformance(factory);
