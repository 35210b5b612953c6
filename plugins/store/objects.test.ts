// Runs the store conformance suite on `objects`.
import factory from './objects.ts';
import { runStoreConformance } from './store.case.ts';

runStoreConformance(factory);
