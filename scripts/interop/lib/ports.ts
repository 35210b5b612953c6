// Free loopback TCP ports: the same helper the unit tests use.
export { freePort } from '../../../core/testing/free-port.ts';
