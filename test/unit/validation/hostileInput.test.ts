/**
 * Odd and hostile extracts: other character sets (ISO-8859-1 as the XSDs are, windows-1252,
 * UTF-8 with a byte-order mark, bytes that are not UTF-8), CRLF line ends, namespace
 * prefixes, attributes in any order, and the XML attacks — billion laughs and external
 * entities (XXE). The external entities point at a loopback HTTP server this test starts on
 * 127.0.0.1 (to prove nothing is fetched) and at a local file (never read into a value).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../../helpers/tempDir';
import {
  CONTACT,
  extractText,
  MELDING,
  MUNICIPALITY,
  positionOf,
  TJENESTE,
  validateText,
  VURDERING,
  YEAR,
} from './extractText';

const ids = (report: { findings: { ruleId: string }[] }): string[] => report.findings.map((finding) => finding.ruleId);

describe('validation: character sets', () => {
  const declaration = (encoding: string): string => `<?xml version="1.0" encoding="${encoding}"?>`;
  // A name with æøå before the attribute a finding is about: the column counts characters, not bytes.
  const text = (encoding: string): string =>
    extractText({
      declaration: declaration(encoding),
      melding: MELDING.replace('navnEPJ="Syntetisk"', 'navnEPJ="Blåbær-EPJ æøå"'),
      tjenester: ['merknad="Østre gård – «Æ»" tjenesteType="99" fraDato="2025-01-01"'],
    });

  for (const encoding of ['ISO-8859-1', 'iso-8859-1', 'latin1']) {
    it(`reads ${encoding} byte for byte: the right value and column after æøå`, async () => {
      const content = text(encoding).replace('–', '-').replace('«Æ»', 'Æ');
      const report = await validateText(Buffer.from(content, 'latin1'));
      assert.equal(report.epj?.name, 'Blåbær-EPJ æøå');
      const [finding] = report.findings;
      assert.equal(finding?.ruleId, 'T01');
      assert.equal(finding?.line, 7);
      // `      <Tjeneste merknad="Østre gård - Æ" tjenesteType=`: 42 characters, not bytes of UTF-8.
      assert.equal(finding?.column, 42);
      assert.equal(positionOf(content, 'tjenesteType=').column, 42);
    });
  }

  it('reads windows-1252 (€ and – are not in ISO-8859-1)', async () => {
    const content = text('windows-1252').replace('Blåbær-EPJ æøå', 'Blåbær € – æøå');
    const report = await validateText(
      Buffer.from(new TextEncoder().encode('x')).length ? encode1252(content) : Buffer.alloc(0),
    );
    assert.equal(report.epj?.name, 'Blåbær € – æøå');
    assert.equal(report.findings[0]?.column, positionOf(content, 'tjenesteType=').column);
  });

  it('reads UTF-8 with a byte-order mark; the mark is not a column', async () => {
    const content = `\uFEFF<?xml version="1.0" encoding="UTF-8"?><Melding ${MELDING.replace('meldingstype="B"', 'meldingstype="K"')}>\n${CONTACT}\n</Melding>\n`;
    const report = await validateText(content);
    assert.deepEqual(ids(report), ['X03']);
    assert.equal(report.findings[0]?.line, 1);
    assert.equal(report.findings[0]?.column, positionOf(content.slice(1), 'meldingstype=').column);
  });

  it('UTF-8 with a BOM and æøå in values', async () => {
    const report = await validateText(`\uFEFF${text('UTF-8')}`);
    assert.equal(report.epj?.name, 'Blåbær-EPJ æøå');
    assert.equal(report.findings[0]?.column, positionOf(text('UTF-8'), 'tjenesteType=').column);
  });

  it('bytes that are not UTF-8 are X01 with their byte offset and position, not a silent �', async () => {
    const content = extractText({ tjenester: [`merknad="Blåbær" ${TJENESTE}`] });
    const bytes = Buffer.concat([
      Buffer.from(content.slice(0, content.indexOf('Blåbær') + 2), 'utf8'),
      Buffer.from([0xe6]), // "æ" in ISO-8859-1, in a file that says nothing (so UTF-8)
      Buffer.from(content.slice(content.indexOf('Blåbær') + 3), 'utf8'),
    ]);
    const report = await validateText(bytes);
    assert.deepEqual(ids(report), ['X01']);
    const expected = positionOf(content, 'Blåbær');
    assert.equal(report.findings[0]?.line, expected.line);
    assert.equal(report.findings[0]?.column, expected.column + 2, 'where "å" should be');
    assert.match(report.findings[0]?.message ?? '', new RegExp(`UTF-8 at byte ${bytes.indexOf(0xe6)}`));
  });

  it('reads UTF-16 with a byte-order mark', async () => {
    const content = text('UTF-16');
    const report = await validateText(Buffer.from(`\uFEFF${content}`, 'utf16le'));
    assert.equal(report.epj?.name, 'Blåbær-EPJ æøå');
    assert.deepEqual(ids(report), ['T01']);
    assert.equal(report.findings[0]?.column, positionOf(content, 'tjenesteType=').column);
  });

  it('a character set the check cannot read is X01 naming it', async () => {
    const report = await validateText(extractText({ declaration: declaration('EBCDIC-X') }));
    assert.deepEqual(ids(report), ['X01']);
    assert.match(report.findings[0]?.message ?? '', /EBCDIC-X/);
  });

  it('a multi-byte character split across the 64 KiB read boundary at every byte', async () => {
    for (const [character, before] of [
      ['Æ', 1],
      ['€', 1],
      ['€', 2],
      ['😀', 1],
      ['😀', 3],
    ] as const) {
      const head = `<?xml version="1.0"?>\n<Melding ${MELDING} kommentar="`;
      const padding = 64 * 1024 - before - Buffer.byteLength(head);
      const content = `${head}${'x'.repeat(padding)}${character}æ">\n${CONTACT}\n  <Kommune kommuneNr="${MUNICIPALITY}">\n    <Bruker brukerNr="1" typeID="9" fid="x" kjonn="1"><Vurdering ${VURDERING}/><Tjeneste tjenesteType="1" fraDato="${YEAR}-01-01"/></Bruker>\n  </Kommune>\n</Melding>\n`;
      const report = await validateText(content);
      assert.deepEqual(ids(report), ['I02'], `${character} split ${before}`);
    }
  });
});

describe('validation: layout', () => {
  it('CRLF line ends: lines and columns as an editor shows them, also of an attribute on a later line', async () => {
    const lf = extractText({ tjenester: [`\n        tjenesteType="99"\n        fraDato="2025-01-01"`] });
    const crlf = lf.replaceAll('\n', '\r\n');
    const report = await validateText(crlf);
    assert.deepEqual(ids(report), ['T01']);
    assert.deepEqual([report.findings[0]?.line, report.findings[0]?.column], [8, 9]);
  });

  it('a start tag whose name is followed by a line break', async () => {
    const report = await validateText(extractText({ tjenester: [`\n  tjenesteType="99" fraDato="2025-01-01"`] }));
    assert.deepEqual([report.findings[0]?.line, report.findings[0]?.column], [8, 3]);
  });

  it('a tag across the 64 KiB read boundary: the element and the attribute still found', async () => {
    for (const before of [1, 5, 12, 30]) {
      const marker = '<!--PAD-->';
      const template = extractText({
        clients: `${marker}\n      <Tjeneste tjenesteType="99"\n        fraDato="2025-01-01" tilDato="2024-01-01"/>`,
      });
      const padding = 64 * 1024 - before - template.indexOf(marker) - '\n      '.length - 7;
      const content = template.replace(marker, `<!--${'x'.repeat(padding)}-->`);
      assert.equal(content.indexOf('<Tjeneste'), 64 * 1024 - before, 'the tag starts before the boundary');
      const report = await validateText(content);
      const t01 = report.findings.find((finding) => finding.ruleId === 'T01');
      const t02 = report.findings.find((finding) => finding.ruleId === 'T02');
      assert.deepEqual([t01?.line, t01?.column], [6, positionOf(content, 'tjenesteType=').column], `T01, ${before}`);
      assert.deepEqual([t02?.line, t02?.column, t02?.attribute], [7, 30, 'tilDato'], `T02, ${before}`);
    }
  });

  it('namespace prefixes on elements and attributes are ignored', async () => {
    const content = `<?xml version="1.0"?>\n<ipl:Melding xmlns:ipl="urn:example:ipl" ${MELDING}>\n  <ipl:Kontaktperson typeKontaktperson="17"/>\n  <ipl:Kommune kommuneNr="${MUNICIPALITY}">\n    <ipl:Bruker brukerNr="1" typeID="1" fid="12034110016" kjonn="1">\n      <ipl:Vurdering ${VURDERING}/>\n      <ipl:Tjeneste ipl:tjenesteType="99" fraDato="2025-01-01"/>\n    </ipl:Bruker>\n  </ipl:Kommune>\n</ipl:Melding>\n`;
    const report = await validateText(content);
    assert.deepEqual(ids(report), ['T01']);
    const finding = report.findings[0];
    assert.equal(finding?.element, 'Tjeneste');
    assert.equal(finding?.attribute, 'tjenesteType');
    assert.deepEqual([finding?.line, finding?.column], [7, 21]);
  });

  it('attributes in any order; a value that looks like an attribute is not taken for one', async () => {
    const report = await validateText(
      extractText({
        tjenester: [
          `timerPerUke="200" merknad=' tilDato="x" ' tilDato="2025-01-01" fraDato="2025-06-01" tjenesteType="3"`,
        ],
      }),
    );
    assert.deepEqual(ids(report), ['T03', 'T02'], 'in file order: timerPerUke comes first');
    const t02 = report.findings.find((finding) => finding.ruleId === 'T02');
    assert.equal(t02?.column, 59, 'the real tilDato, after the quoted look-alike');
    assert.equal(t02?.value, '2025-01-01');
  });
});

/** A tiny windows-1252 encoder for the test text (ASCII, Latin-1 letters, € and –). */
function encode1252(text: string): Buffer {
  const special: Record<string, number> = { '€': 0x80, '–': 0x96, '«': 0xab, '»': 0xbb };
  return Buffer.from(Array.from(text, (character) => special[character] ?? (character.codePointAt(0) as number)));
}

describe('validation: XML attacks', () => {
  let requests = 0;
  const server = createServer((_request, response) => {
    requests++;
    response.end('<!ENTITY leak "fetched">');
  });
  let base = '';
  before(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.close();
  });

  const withDoctype = (doctype: string, body = '&lol9;'): string =>
    `<?xml version="1.0"?>\n${doctype}\n<Melding ${MELDING} navnEPJ2="${body}">\n${CONTACT}\n</Melding>\n`;

  it('billion laughs is refused as X01 before anything is expanded', async () => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const before = process.memoryUsage().rss;
    const report = await validateText(withDoctype(`<!DOCTYPE Melding [\n${entities.join('\n')}\n]>`));
    assert.deepEqual(ids(report), ['X01']);
    assert.match(report.findings[0]?.message ?? '', /DOCTYPE that declares entities/);
    assert.ok(process.memoryUsage().rss - before < 100 * 1024 * 1024, 'nothing was expanded');
  });

  it('an external entity (XXE) to a loopback server is refused and never fetched', async () => {
    const report = await validateText(
      withDoctype(`<!DOCTYPE Melding [<!ENTITY xxe SYSTEM "${base}/secret">]>`, '&xxe;'),
    );
    assert.deepEqual(ids(report), ['X01']);
    assert.equal(requests, 0);
  });

  it('an external DTD is not fetched either, and an entity it would define is unknown (X01)', async () => {
    const report = await validateText(withDoctype(`<!DOCTYPE Melding SYSTEM "${base}/iplos.dtd">`, '&leak;'));
    assert.deepEqual(ids(report), ['X01']);
    assert.match(report.findings[0]?.message ?? '', /undefined entity/);
    assert.equal(requests, 0);
  });

  it('an external entity to a local file is refused; the file is never read into a value', async () => {
    const dir = await tempDir();
    const secret = join(dir, 'hemmelig.txt');
    await writeFile(secret, 'HEMMELIG-INNHOLD');
    const report = await validateText(
      withDoctype(`<!DOCTYPE Melding [<!ENTITY xxe SYSTEM "file://${secret}">]>`, '&xxe;'),
    );
    assert.deepEqual(ids(report), ['X01']);
    assert.doesNotMatch(JSON.stringify(report), /HEMMELIG-INNHOLD/);
  });

  it('a DOCTYPE without entities is accepted', async () => {
    const report = await validateText(extractText().replace('<Melding ', '<!DOCTYPE Melding>\n<Melding '));
    assert.equal(report.fatal, false);
  });

  it('one attribute value of 2 Mi characters is X01 (a token that long would grow without bound)', async () => {
    const report = await validateText(`<?xml version="1.0"?>\n<Melding navnEPJ="${'x'.repeat(2 * 1024 * 1024)}"/>\n`);
    assert.deepEqual(ids(report), ['X01']);
    assert.match(report.findings[0]?.message ?? '', /without a new start tag/);
  });

  it('elements nested 65 deep are X01', async () => {
    const open = Array.from({ length: 64 }, (_, i) => `<e${i}>`).join('');
    const report = await validateText(`<?xml version="1.0"?>\n<Melding ${MELDING}>${open}</Melding>`);
    assert.deepEqual(ids(report), ['X01']);
    assert.match(report.findings[0]?.message ?? '', /nested more than 64/);
  });
});
