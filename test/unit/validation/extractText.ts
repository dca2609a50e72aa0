/**
 * Small IPLOS extracts for the validation tests, written line by line so a test knows where
 * each element is: `extractText()` is a valid extract (no findings at all), and every part can
 * be replaced. Identity numbers are built here from Skatteetaten's published algorithm
 * (computed independently of src/core/validation/identityNumber.ts) — never a real person's.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateExtract, type ValidateOptions, type ValidationReport } from '../../../src/core/validation';
import { tempDir } from '../../helpers/tempDir';

export const MUNICIPALITY = '0403';
export const YEAR = 2025;

export const SCORES =
  'sosDelt="1" styreEgetLiv="2" hukommelse="3" kommunikasjon="4" ivaretaHelse="5" alminneligHusarbeid="9" skaffeVarer="1" lageMat="1" spise="1" personligHygiene="1" kleAv="1" toalett="1" bevegeInne="1" bevegeUte="1" beslutninger="1" atferd="1" syn="1" horsel="1"';

/**
 * A fødselsnummer for a date of birth and an individual number, with its two check digits
 * (weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2, 11 − sum mod 11, 11 → 0). Returns
 * undefined for the ~1 in 11 individual numbers whose check digit would be 10 (never issued).
 * `dNummer` adds 4 to the first digit.
 */
export function identityNumber(
  day: number,
  month: number,
  year: number,
  individual: number,
  dNummer = false,
): string | undefined {
  const dd = String(day + (dNummer ? 40 : 0)).padStart(2, '0');
  const base = `${dd}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}${String(individual).padStart(3, '0')}`;
  const control = (digits: string, weights: number[]): number | undefined => {
    const sum = weights.reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
    const rest = 11 - (sum % 11);
    if (rest === 11) return 0;
    return rest === 10 ? undefined : rest;
  };
  const k1 = control(base, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
  if (k1 === undefined) return undefined;
  const k2 = control(`${base}${k1}`, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  if (k2 === undefined) return undefined;
  return `${base}${k1}${k2}`;
}

/** The first valid fødselsnummer (or D-nummer) for the date, trying individual numbers from `from`. */
export function validIdentity(day: number, month: number, year: number, from = 100, dNummer = false): string {
  for (let individual = from; individual < 1000; individual++) {
    const number = identityNumber(day, month, year, individual, dNummer);
    if (number !== undefined) return number;
  }
  throw new Error('no valid number for the date');
}

export const FID = validIdentity(12, 3, 1941, 100);

export interface ExtractParts {
  declaration?: string;
  /** Attributes of `<Melding>`. */
  melding?: string;
  /** Line 3 (the contact person); '' leaves it out (then every later line moves up one). */
  contact?: string;
  /** Attributes of `<Kommune>`. */
  kommune?: string;
  /** Attributes of the one `<Bruker>`. */
  bruker?: string;
  /** Attributes of its `<Vurdering>`. */
  vurdering?: string;
  /** Attributes of its `<Tjeneste>` (one line each). */
  tjenester?: string[];
  /** Replaces the whole client (lines from 5). */
  clients?: string;
}

export const MELDING = `versjon="56.0.0" meldingstype="B" leverandor="Syntetisk EPJ AS" navnEPJ="Syntetisk" versjonEPJ="1.0" versjonUt="1.0" fraDatoPeriode="${YEAR}-01-01" tilDatoPeriode="${YEAR}-12-31" uttakDato="${YEAR + 1}-01-05"`;
export const CONTACT =
  '  <Kontaktperson typeKontaktperson="17" navn="Innsendingsansvarlig" telefon="62000000" epost="iplos@kommune.example"/>';
export const BRUKER = `brukerNr="1001" typeID="1" fid="${FID}" fodselsaar="1941" kjonn="2"`;
export const VURDERING = `dato="${YEAR}-03-01" ${SCORES}`;
export const TJENESTE = `tjenesteType="1" fraDato="${YEAR}-02-01" tilDato="${YEAR}-11-30" timerPerUke="7.5" tjenesteOrgNr="974123456"`;

/**
 * Line 1 declaration, 2 `<Melding>`, 3 contact person, 4 `<Kommune>`, 5 `<Bruker>`, 6
 * `<Vurdering>`, 7… `<Tjeneste>`, then the end tags.
 */
export function extractText(parts: ExtractParts = {}): string {
  const lines = [
    parts.declaration ?? '<?xml version="1.0" encoding="UTF-8"?>',
    `<Melding ${parts.melding ?? MELDING}>`,
  ];
  const contact = parts.contact ?? CONTACT;
  if (contact !== '') lines.push(contact);
  lines.push(`  <Kommune ${parts.kommune ?? `kommuneNr="${MUNICIPALITY}"`}>`);
  if (parts.clients !== undefined) {
    if (parts.clients !== '') lines.push(parts.clients);
  } else {
    lines.push(`    <Bruker ${parts.bruker ?? BRUKER}>`);
    lines.push(`      <Vurdering ${parts.vurdering ?? VURDERING}/>`);
    for (const service of parts.tjenester ?? [TJENESTE]) lines.push(`      <Tjeneste ${service}/>`);
    lines.push('    </Bruker>');
  }
  lines.push('  </Kommune>', '</Melding>', '');
  return lines.join('\n');
}

/** A client line block: `<Bruker …>` with a valid assessment and the services given. */
export function client(brukerNr: string, services: string[] = [TJENESTE]): string {
  return [
    `    <Bruker brukerNr="${brukerNr}" typeID="1" fid="${FID}" fodselsaar="1941" kjonn="2">`,
    `      <Vurdering ${VURDERING}/>`,
    ...services.map((service) => `      <Tjeneste ${service}/>`),
    '    </Bruker>',
  ].join('\n');
}

/** One-based line and column of the first `needle` in `text` (columns in Unicode characters, lines by \n). */
export function positionOf(text: string, needle: string, occurrence = 0): { line: number; column: number } {
  let index = -1;
  for (let k = 0; k <= occurrence; k++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not in the text`);
  }
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: Array.from(before.slice(lineStart)).length + 1 };
}

export async function writeExtractFile(content: string | Buffer, name = 'uttrekk.xml'): Promise<string> {
  const dir = await tempDir();
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

export async function validateText(
  content: string | Buffer,
  options: Partial<ValidateOptions> = {},
): Promise<ValidationReport> {
  return validateExtract(await writeExtractFile(content), { municipality: MUNICIPALITY, ...options });
}
