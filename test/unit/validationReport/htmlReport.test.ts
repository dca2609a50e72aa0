/** The HTML report of a control, rendered from the engine's real report on hand-written extracts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateExtract } from '../../../src/core/validation';
import { validationReportHtml } from '../../../src/core/validationReport/htmlReport';
import { controlOutcome, worstFirst } from '../../../src/core/validationReport/outcome';
import { writeHandExtract } from '../../helpers/handExtract';

const GENERATED = new Date('2026-01-06T08:30:00Z');

describe('validationReportHtml', () => {
  it('caps the table per rule with "… and N more", worst rules first, counts in Norwegian format', async () => {
    const path = await writeHandExtract({
      clients: [...Array.from({ length: 4 }, () => ({ tjenester: [{ tjenesteType: '99' }] })), { tjenester: [] }],
    });
    const report = await validateExtract(path, { municipality: '0403' });
    assert.equal(controlOutcome(report), 'errors');
    const page = validationReportHtml({
      report,
      fileName: 'IPLOS_0403_2025.xml',
      municipality: '0403',
      language: 'en',
      generatedAt: GENERATED,
      maxRowsPerRule: 3,
    });
    const t01 = page.slice(
      page.indexOf('<section id="rule-T01">'),
      page.indexOf('</section>', page.indexOf('rule-T01">')),
    );
    assert.equal(t01.match(/<td class="position">/g)?.length, 3, 'three rows of four');
    assert.match(t01, /… and 1 more\./);
    assert.match(page, /Made by IPLOS Innsending on 06\.01\.2026, 09:30/, 'Norwegian date and time, Oslo time');
    const order = worstFirst(report.tallies).map((tally) => page.indexOf(`<section id="rule-${tally.ruleId}">`));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      'sections in worst-first order',
    );
    assert.ok(order.every((position) => position > 0));
  });

  it('a fatal report says it cannot be sent and names both municipalities; Norwegian rule texts with language nb', async () => {
    const path = await writeHandExtract({ kommuneNr: '0301', clients: [{}] });
    const report = await validateExtract(path, { municipality: '0403', language: 'nb' });
    assert.equal(controlOutcome(report), 'fatal');
    const page = validationReportHtml({
      report,
      fileName: 'x.xml',
      municipality: '0403',
      language: 'nb',
      generatedAt: GENERATED,
    });
    assert.match(page, /<html lang="nb">/);
    assert.match(page, /<p class="verdict fatal">/);
    assert.match(page, /0301 in the file; the control was run for 0403/);
    assert.match(page, /Kritisk feil/, 'the severity named in Norwegian');
    assert.match(page, /<section id="rule-K01">/);
  });
});
