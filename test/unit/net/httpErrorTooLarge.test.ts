/**
 * A 413 from any of our servers (IPIS, SSB's portal behind IIS) says what it means and what to
 * do, not "see the log": a server that refuses a body as too large tells the officer why.
 * The URL is a loopback one (127.0.0.1); nothing is sent.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { httpError } from '../../../src/core/net/networkError';

it('HTTP 413 → a too-large message with a remedy, not retried', () => {
  const error = httpError('https://127.0.0.1:8443/api/v1/folders/7/files', 413, 'Payload Too Large');
  assert.equal(error.status, 413);
  assert.equal(error.retryable, false);
  assert.match(error.message, /413/);
  assert.match(error.remedy ?? '', /too large/i);
  assert.doesNotMatch(error.remedy ?? '', /see the log/i);
});
