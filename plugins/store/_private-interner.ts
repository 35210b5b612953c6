// The arena store's own interner when it runs without a plugin context (unit tests, micro-benchmarks): the
// `map` interner plugin's code, bundled into the store's bundle (it is not the live interner slot).
export { default as privateInterner } from '../interner/map.ts';
