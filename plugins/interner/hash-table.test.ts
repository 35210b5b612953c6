// Runs the interner conformance suite on `hash-table`.
import factory from './hash-table.ts';
import { runInternerConformance } from './interner.case.ts';

runInternerConformance(factory);
