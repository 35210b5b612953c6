// Route needs: probe paths and what counts as "route missing".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnrecognized, probePath } from './needs.ts';

test('route parameters are filled for the probe', () => {
  assert.equal(probePath('/_matrix/federation/v1/send/:txnId'), '/_matrix/federation/v1/send/fl-bench-probe');
  assert.equal(probePath('/_matrix/federation/v2/send_join/:roomId/:eventId'), '/_matrix/federation/v2/send_join/fl-bench-probe/fl-bench-probe');
});

test('404/405 M_UNRECOGNIZED and bare 404s mean missing; auth errors mean present', () => {
  assert.equal(isUnrecognized(404, '{"errcode":"M_UNRECOGNIZED","error":"unrecognized request"}'), true);
  assert.equal(isUnrecognized(405, '{"errcode":"M_UNRECOGNIZED","error":"method PUT is not allowed"}'), true);
  assert.equal(isUnrecognized(404, 'Not Found'), true);
  assert.equal(isUnrecognized(404, '{"errcode":"M_NOT_FOUND","error":"no such room"}'), false);
  assert.equal(isUnrecognized(401, '{"errcode":"M_UNAUTHORIZED"}'), false);
  assert.equal(isUnrecognized(400, '{"errcode":"M_BAD_JSON"}'), false);
});
