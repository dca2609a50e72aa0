/**
 * The files in SSB's feedback zip, as the sandbox assumes them (test/sandbox/README.md):
 * an error list and three control tables as `;`-separated text — Windows-1252 for most,
 * UTF-8 with BOM for one, since both occur in Norwegian public files — and a read-me
 * that is not a table.
 */
import { severityName } from '../../../src/core/validation';
import { AGE_GROUPS } from './extractStatistics';
import type { SsbCheckResult } from './ssbCheck';
import type { SsbErrorRow } from './ssbErrorRow';

export interface FeedbackFile {
  name: string;
  content: Buffer;
}

const MONTHS = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
];

export function feedbackFiles(
  result: SsbCheckResult,
  context: { municipality: string; bydel: string; year: number; environment: string },
): FeedbackFile[] {
  const files: FeedbackFile[] = [{ name: 'feilliste.csv', content: windows1252(errorList(result, context)) }];
  const stats = result.statistics;
  if (stats) {
    const types = [...stats.byServiceType.entries()].sort(([a], [b]) => Number(a) - Number(b));
    files.push({
      name: 'kontrolltabell_tjenester.csv',
      content: windows1252(
        csv([
          ['Tjenestetype', 'Antall brukere', 'Antall tjenester', 'Gjennomsnitt timer per uke'],
          ...types.map(([type, s]) => [
            type,
            norwegianInteger(s.clients.size),
            norwegianInteger(s.services),
            s.hoursCount > 0 ? norwegianDecimal(s.hours / s.hoursCount) : '',
          ]),
          ['Totalt', norwegianInteger(stats.clients), norwegianInteger(stats.services), ''],
        ]),
      ),
    });
    files.push({
      name: 'kontrolltabell_alder_kjønn.csv',
      content: utf8WithBom(
        csv([
          ['Aldersgruppe', 'Menn', 'Kvinner', 'Totalt'],
          ...AGE_GROUPS.map((group) => {
            const counts = stats.byAgeGroup.get(group) as { men: number; women: number };
            return [
              group,
              norwegianInteger(counts.men),
              norwegianInteger(counts.women),
              norwegianInteger(counts.men + counts.women),
            ];
          }),
        ]),
      ),
    });
    files.push({
      name: 'kontrolltabell_måned.csv',
      content: windows1252(
        csv([
          ['Måned', 'Nye tjenester', 'Avsluttede tjenester'],
          ...MONTHS.map((month, index) => {
            const counts = stats.byMonth.get(index + 1) as { started: number; ended: number };
            return [month, norwegianInteger(counts.started), norwegianInteger(counts.ended)];
          }),
        ]),
      ),
    });
  }
  files.push({
    name: 'les_meg.txt',
    content: Buffer.from(
      `Tilbakemelding IPLOS ${context.year} for kommune ${context.municipality}, bydel ${context.bydel} (${context.environment === 'test' ? 'testinnsending' : 'ordinær innsending'}).\r\n` +
        `Feillisten (feilliste.csv) har ${result.rows.length} rader. Rett feilene i fagsystemet (EPJ) og send inn på nytt før fristen.\r\n` +
        'Kontrolltabellene viser tallene SSB har beregnet fra filen.\r\n' +
        'Filene inneholder personopplysninger: åpne dem bare i kommunens sikre sone.\r\n',
      'utf8',
    ),
  });
  return files;
}

function errorList(result: SsbCheckResult, context: { municipality: string; bydel: string }): string {
  return csv([
    ['Kommunenr', 'Bydel', 'Brukernr', 'Tjenestetype', 'Variabel', 'Verdi', 'Feilkode', 'Alvorlighet', 'Melding'],
    ...result.rows.map((row: SsbErrorRow) => [
      context.municipality,
      context.bydel,
      row.brukerNr,
      row.serviceType,
      row.variable,
      row.value,
      row.code,
      severityName(row.severity, 'nb'),
      row.message,
    ]),
  ]);
}

/** `;`-separated, CRLF lines, fields quoted when they hold `;`, `"` or a line break. */
export function csv(rows: string[][]): string {
  return (
    rows
      .map((row) => row.map((field) => (/[;"\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(';'))
      .join('\r\n') + '\r\n'
  );
}

function norwegianInteger(value: number): string {
  return new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 }).format(value).replace(/\s/g, ' ');
}

function norwegianDecimal(value: number): string {
  return new Intl.NumberFormat('nb-NO', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    .format(value)
    .replace(/\s/g, ' ');
}

// Windows-1252 encoder derived from the platform's own decoder table (no hand-written table).
// The streaming decode: Node's one-shot decode maps 0x80–0x9F as Latin-1 (nodejs/node#56542),
// which would turn €, – and ’ into "?".
const WINDOWS_1252 = (() => {
  const map = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    const decoder = new TextDecoder('windows-1252');
    map.set(decoder.decode(Uint8Array.of(byte), { stream: true }) + decoder.decode(), byte);
  }
  return map;
})();

export function windows1252(text: string): Buffer {
  return Buffer.from([...text].map((character) => WINDOWS_1252.get(character) ?? 0x3f));
}

function utf8WithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
