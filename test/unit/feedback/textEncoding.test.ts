import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeText } from '../../../src/core/feedback';
import { windows1252 } from '../../sandbox/ssb/feedbackFiles';

const SAMPLE = 'Brukernr;Melding\r\n17;Vurderingen mangler funksjonsvariabelen hørsel; Ærlig, Åse og Øystein\r\n';

describe('feedback: text encodings', () => {
  it('UTF-8 with BOM: the BOM is removed and named', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
    assert.deepEqual(decodeText(bytes), { text: SAMPLE, encoding: 'utf-8-bom' });
  });

  it('UTF-8 without BOM', () => {
    assert.deepEqual(decodeText(Buffer.from(SAMPLE, 'utf8')), { text: SAMPLE, encoding: 'utf-8' });
  });

  it('Windows-1252 with æøå: one byte each, not valid UTF-8', () => {
    const bytes = windows1252(SAMPLE);
    assert.ok(bytes.includes(0xf8) && bytes.includes(0xc6) && bytes.includes(0xc5), 'ø, Æ and Å as single bytes');
    assert.deepEqual(decodeText(bytes), { text: SAMPLE, encoding: 'windows-1252' });
  });

  it("Windows-1252 bytes 0x80–0x9F are €, dashes and quotes, not control characters (Node's Latin-1 shortcut)", () => {
    const bytes = Buffer.from([0x41, 0x80, 0x20, 0x96, 0x20, 0x93, 0x6f, 0x6b, 0x94, 0x20, 0xe6]);
    assert.deepEqual(decodeText(bytes), { text: 'A€ – “ok” æ', encoding: 'windows-1252' });
  });

  it('plain ASCII is UTF-8; an empty file is empty UTF-8 text', () => {
    assert.deepEqual(decodeText(Buffer.from('a;b\r\n1;2\r\n')), { text: 'a;b\r\n1;2\r\n', encoding: 'utf-8' });
    assert.deepEqual(decodeText(Buffer.alloc(0)), { text: '', encoding: 'utf-8' });
  });

  it('UTF-16 LE with BOM (Excel\'s "Unicode text")', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Måned\tAntall\r\n', 'utf16le')]);
    assert.deepEqual(decodeText(bytes), { text: 'Måned\tAntall\r\n', encoding: 'utf-16le-bom' });
  });
});
