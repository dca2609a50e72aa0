/**
 * The checks' titles come from one place: English without a translator (the CLI), through
 * the host's translator otherwise (the extension), and CHECK_TITLES reads the same.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { CHECK_IDS, CHECK_TITLES, checkTitle } from '../../../src/core/checks';
import { setTranslator } from '../../../src/core/i18n';

describe('check titles', () => {
  afterEach(() => setTranslator(undefined));

  it('are English without a translator, one distinct title per check', () => {
    assert.equal(checkTitle('tls'), 'TLS handshake and certificate');
    assert.equal(checkTitle('ssb-info'), "SSB's file portal");
    const titles = CHECK_IDS.map(checkTitle);
    assert.equal(new Set(titles).size, CHECK_IDS.length);
    assert.deepEqual(
      CHECK_IDS.map((id) => CHECK_TITLES[id]),
      titles,
    );
  });

  it('go through the translator, keyed by the English text', () => {
    setTranslator((message) => `nb:${message}`);
    assert.equal(checkTitle('tcp'), 'nb:TCP connection');
    assert.equal(CHECK_TITLES.proxy, 'nb:Proxy');
  });
});
