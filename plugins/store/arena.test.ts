// Runs the store conformance suite on `arena`.
import factory from './arena.ts';
import { runStoreConformance } from './store.case.ts';

runStoreConformance(factory);
