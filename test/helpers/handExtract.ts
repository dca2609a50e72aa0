/**
 * Small hand-written IPLOS extracts for CLI tests: every attribute of a valid one written
 * out (issue 13's shape, /work/helper-rules.md: typeID 1 with a valid fødselsnummer), and
 * each test overrides the attributes it is about. Values are XML-escaped here, so a test can
 * put `<script>` into a brukerNr and the parser hands the control exactly that text.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FUNCTION_VARIABLES } from '../../src/core/validation';
import { tempDir } from './tempDir';

export type Attributes = Record<string, string | undefined>;

export interface HandClient {
  bruker?: Attributes;
  vurdering?: Attributes;
  /** Default: one home-care service (15) from 1 March. */
  tjenester?: Attributes[];
}

export interface HandExtract {
  melding?: Attributes;
  kommuneNr?: string;
  clients: HandClient[];
}

/**
 * A fødselsnummer that passes the mod-11 check (Skatteetaten's weights 3 7 6 1 8 9 4 5 2 and
 * 5 4 3 2 7 6 5 4 3 2) for a date of birth and an individual number; undefined when that
 * individual number gives a check digit of 10 (no such number exists).
 */
export function fodselsnummer(day: number, month: number, year: number, individual: number): string | undefined {
  const nine = `${pad(day)}${pad(month)}${pad(year % 100)}${String(individual).padStart(3, '0')}`;
  const k1 = checkDigit(nine, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
  if (k1 === undefined) return undefined;
  const k2 = checkDigit(`${nine}${k1}`, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  return k2 === undefined ? undefined : `${nine}${k1}${k2}`;
}

/** Distinct valid fødselsnummer for the n-th client (born 1940–1999). */
export function validFid(n: number): string {
  for (let individual = 100 + (n % 400); ; individual++) {
    const fid = fodselsnummer(1 + (n % 28), 1 + (n % 12), 1940 + (n % 60), individual);
    if (fid) return fid;
  }
}

export function handExtractXml(extract: HandExtract): string {
  const melding: Attributes = {
    versjon: '56.0.0',
    meldingstype: 'B',
    leverandor: 'Testleverandør AS',
    navnEPJ: 'TestEPJ',
    versjonEPJ: '2.1',
    versjonUt: '1.0',
    fraDatoPeriode: '2025-01-01',
    tilDatoPeriode: '2025-12-31',
    uttakDato: '2026-01-05',
    ...extract.melding,
  };
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Melding${attributes(melding)}>`,
    `  <Kontaktperson${attributes({ typeKontaktperson: '17', navn: 'Innsendingsansvarlig', telefon: '62000000', epost: 'iplos@kommune.example' })}/>`,
    `  <Kommune${attributes({ kommuneNr: extract.kommuneNr ?? '0403' })}>`,
  ];
  extract.clients.forEach((client, index) => {
    const bruker = {
      brukerNr: String(100001 + index),
      fid: validFid(index),
      typeID: '1',
      fodselsaar: String(1940 + (index % 60)),
      kjonn: '2',
      ...client.bruker,
    };
    const scores = Object.fromEntries(FUNCTION_VARIABLES.map((name) => [name, '3']));
    lines.push(`    <Bruker${attributes(bruker)}>`);
    lines.push(`      <Vurdering${attributes({ dato: '2025-02-01', ...scores, ...client.vurdering })}/>`);
    for (const tjeneste of client.tjenester ?? [{}])
      lines.push(
        `      <Tjeneste${attributes({ tjenesteType: '15', fraDato: '2025-03-01', timerPerUke: '4.5', ...tjeneste })}/>`,
      );
    lines.push('    </Bruker>');
  });
  lines.push('  </Kommune>', '</Melding>', '');
  return lines.join('\n');
}

/** Writes the extract into a fresh temp folder as IPLOS_0403_2025.xml; returns its path. */
export async function writeHandExtract(extract: HandExtract, name = 'IPLOS_0403_2025.xml'): Promise<string> {
  const path = join(await tempDir('iplos-hand-extract-'), name);
  await writeFile(path, handExtractXml(extract));
  return path;
}

function attributes(values: Attributes): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlEscape(value)}"`)
    .join('');
}

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function checkDigit(digits: string, weights: number[]): number | undefined {
  const sum = weights.reduce((total, weight, index) => total + weight * Number(digits[index]), 0);
  const digit = 11 - (sum % 11);
  if (digit === 11) return 0;
  return digit === 10 ? undefined : digit;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
