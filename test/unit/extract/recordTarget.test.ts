/**
 * Go to record and the Problems panel land where an SSB error row points (issue 16): the
 * `Tjeneste` of the named service type on the named variable, the `Vurdering` for a function
 * score, else the client — on a real file with a client that has several services, one tag
 * over several lines, and non-ASCII text before the attribute.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findAttribute, indexExtract, locateAttributes, recordTarget } from '../../../src/core/extract';
import { tempDir } from '../../helpers/tempDir';

const EXTRACT = [
  '<?xml version="1.0" encoding="UTF-8"?>', // 1
  '<Melding versjon="56.0.0" meldingstype="B">', // 2
  '  <Kommune kommuneNr="0403">', // 3
  '    <Bruker brukerNr="100001" fodselsaar="1932" kjonn="1">', // 4
  '      <Tjeneste tjenesteType="3" fraDato="2025-01-01"/>', // 5
  '    </Bruker>', // 6
  '    <Bruker brukerNr="100002" fid="09114407116" typeID="1" fodselsaar="1944" kjonn="1">', // 7
  '      <Vurdering dato="2025-04-25" sosDelt="3" hukommelse="1"/>', // 8
  '      <Tjeneste tjenesteType="25" fraDato="2025-11-18" tilDato="2025-11-28" timerPerUke="8.6"/>', // 9
  '      <Tjeneste tjenesteType="29" fraDato="2025-02-10"', // 10
  '                timerPerUke="31.5"', // 11
  '                tilDato="2025-03-01"/>', // 12
  '      <Tjeneste note="æøå" tjenesteType="3" fraDato="2025-12-05" tilDato="2025-12-20"/>', // 13
  '    </Bruker>', // 14
  '  </Kommune>',
  '</Melding>',
  '',
].join('\n');

async function located() {
  const dir = await tempDir();
  const path = join(dir, 'uttrekk.xml');
  await writeFile(path, EXTRACT);
  const index = await indexExtract(path);
  const location = index.get('100002');
  assert.ok(location, 'client 100002 is in the index');
  return { path, location };
}

describe('record target of an SSB error row', () => {
  it('the index keeps the Vurdering and every Tjeneste of a client with several services', async () => {
    const { location } = await located();
    assert.deepEqual(location.assessment, { line: 8, column: 7 });
    assert.deepEqual(
      location.services.map((service) => [service.serviceType, service.line]),
      [
        ['25', 9],
        ['29', 10],
        ['3', 13],
      ],
    );
  });

  it('lands on the service of the named type and its attribute, the assessment, or the client', async () => {
    const { path, location } = await located();
    const rows = [
      { serviceType: '3', variable: 'tilDato' }, // the client's type-3 service is the last one
      { serviceType: '25', variable: 'timerPerUke' },
      { serviceType: '29', variable: 'tilDato' }, // two lines below its tag's start
      { serviceType: '', variable: 'hukommelse' },
      { serviceType: '', variable: 'fodselsaar' },
      { serviceType: '', variable: '' },
      { serviceType: '18', variable: 'tilDato' }, // a type the client does not have
      { serviceType: '03', variable: 'TILDATO' }, // as a list may write it: padded type, other case
      { serviceType: '', variable: 'HUKOMMELSE' },
    ];
    const targets = rows.map((row) => recordTarget(location, row));
    assert.deepEqual(
      targets.map((target) => [target.element, target.tag.line, target.attribute]),
      [
        ['Tjeneste', 13, 'tilDato'],
        ['Tjeneste', 9, 'timerPerUke'],
        ['Tjeneste', 10, 'tilDato'],
        ['Vurdering', 8, 'hukommelse'],
        ['Bruker', 7, 'fodselsaar'],
        ['Bruker', 7, undefined],
        ['Bruker', 7, undefined],
        ['Tjeneste', 13, 'TILDATO'],
        ['Vurdering', 8, 'HUKOMMELSE'],
      ],
    );
    const requests = targets.flatMap((target) =>
      target.attribute ? [{ tag: target.tag, attribute: target.attribute }] : [],
    );
    const positions = await locateAttributes(path, requests);
    const lines = EXTRACT.split('\n');
    const at = (position: { line: number; column: number } | undefined): string =>
      position
        ? Array.from(lines[position.line - 1] ?? '')
            .slice(position.column - 1)
            .join('')
        : '';
    assert.match(at(positions.get(0)), /^tilDato="2025-12-20"/);
    assert.match(at(positions.get(1)), /^timerPerUke="8.6"/);
    assert.deepEqual(positions.get(2), { line: 12, column: 17 });
    assert.match(at(positions.get(3)), /^hukommelse="1"/);
    assert.match(at(positions.get(4)), /^fodselsaar="1944"/);
    assert.match(at(positions.get(5)), /^tilDato="2025-12-20"/);
    assert.match(at(positions.get(6)), /^hukommelse="1"/);
  });

  it('finds an attribute only in the start tag, never in a value or a later tag', () => {
    const tag = { line: 1, column: 1 };
    assert.deepEqual(findAttribute('<T a="tilDato=1" tilDato="x"/>', tag, 'tilDato'), { line: 1, column: 18 });
    assert.equal(findAttribute('<T a="1"/><U tilDato="x"/>', tag, 'tilDato'), undefined);
    assert.deepEqual(findAttribute('<ipl:T ipl:tilDato="x">', { line: 3, column: 5 }, 'tilDato'), {
      line: 3,
      column: 12,
    });
  });
});
