/**
 * Recognising SSB's error list among the feedback tables by its headers, since the format is
 * not public (shared/docs/domain.md). Headers are compared after normalising: lower case,
 * accents and Norwegian letters folded (`Nivå` → `niva`, `Brukernr.` → `brukernr`), and
 * spaces, `_`, `-`, `.`, `/` and `#` removed (`Bruker nr` = `bruker_nr` = `brukernr`).
 *
 * A table is the error list when it has a client column (brukerNr) and at least a code or a
 * message column: a control table has neither a client nor a code per row, while an error list
 * without a code still says what is wrong in its message. The first column that matches a role
 * gets it; a second one keeps no role.
 */
import type { ColumnRole, ErrorRow, Severity, Table, TableColumn } from './feedbackModel';

/** Header aliases per role, already normalised (see `normaliseHeader`). */
const ALIASES: Readonly<Record<ColumnRole, readonly string[]>> = {
  municipality: [
    'kommunenr',
    'kommunenummer',
    'kommune',
    'knr',
    'municipality',
    'municipalityno',
    'municipalitynumber',
    'municipalitycode',
  ],
  bydel: ['bydel', 'bydelsnr', 'bydelsnummer', 'bydelnr', 'district', 'districtno'],
  brukerNr: [
    'brukernr',
    'brukernummer',
    'bruker',
    'brukerid',
    'klientnr',
    'klientnummer',
    'klient',
    'client',
    'clientid',
    'clientno',
    'clientnumber',
    'userno',
    'usernumber',
    'userid',
    'user',
  ],
  serviceType: [
    'tjenestetype',
    'tjeneste',
    'tjenestetypekode',
    'tjenestekode',
    'servicetype',
    'service',
    'servicetypecode',
    'servicecode',
  ],
  variable: ['variabel', 'variabelnavn', 'variable', 'variablename', 'felt', 'feltnavn', 'field', 'fieldname'],
  value: ['verdi', 'value', 'feltverdi', 'fieldvalue'],
  code: [
    'feilkode',
    'kode',
    'kontrollkode',
    'kontrollnr',
    'regel',
    'regelnavn',
    'regelid',
    'errorcode',
    'code',
    'rule',
    'rulename',
    'ruleid',
    'checkcode',
  ],
  severity: ['alvorlighet', 'alvorlighetsgrad', 'type', 'niva', 'status', 'severity', 'level', 'feiltype', 'errortype'],
  message: [
    'melding',
    'beskrivelse',
    'feilmelding',
    'tekst',
    'feiltekst',
    'kontrolltekst',
    'message',
    'description',
    'text',
    'errormessage',
    'errortext',
  ],
};

const ROLE_BY_ALIAS: ReadonlyMap<string, ColumnRole> = new Map(
  (Object.entries(ALIASES) as [ColumnRole, readonly string[]][]).flatMap(([role, aliases]) =>
    aliases.map((alias) => [alias, role] as const),
  ),
);

/**
 * Severity words as SSB's control programs write them (Kritisk feil, Feil, Advarsel,
 * Informasjon, Suksess) and their English counterparts, normalised like headers.
 */
const SEVERITY_BY_WORD: ReadonlyMap<string, Severity> = new Map([
  ['kritiskfeil', 'critical'],
  ['kritisk', 'critical'],
  ['critical', 'critical'],
  ['criticalerror', 'critical'],
  ['fatal', 'critical'],
  ['feil', 'error'],
  ['error', 'error'],
  ['advarsel', 'warning'],
  ['varsel', 'warning'],
  ['warning', 'warning'],
  ['warn', 'warning'],
  ['informasjon', 'info'],
  ['info', 'info'],
  ['information', 'info'],
  ['suksess', 'success'],
  ['success', 'success'],
  ['ok', 'success'],
]);

/** Folds a header or severity for comparison; exported for tests and for the viewer's filters. */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_\-./#:()]/g, '');
}

/** The role of each column, by its header; undefined where none matches or the role is taken. */
export function columnRoles(headers: readonly string[]): (ColumnRole | undefined)[] {
  const taken = new Set<ColumnRole>();
  return headers.map((header) => {
    const role = ROLE_BY_ALIAS.get(normaliseHeader(header));
    if (role === undefined || taken.has(role)) return undefined;
    taken.add(role);
    return role;
  });
}

/** The rule above: a client column and a code or message column. */
export function isErrorListHeader(headers: readonly string[]): boolean {
  const roles = new Set(columnRoles(headers));
  return roles.has('brukerNr') && (roles.has('code') || roles.has('message'));
}

export function parseSeverity(text: string): Severity {
  return SEVERITY_BY_WORD.get(normaliseHeader(text)) ?? 'unknown';
}

export interface ErrorList {
  /** The same rows, with `role` set on the recognised columns. */
  table: Table;
  errors: ErrorRow[];
}

/** The error list read from a table, or undefined when the table is not one (see the rule above). */
export function readErrorList(table: Table): ErrorList | undefined {
  const headers = table.columns.map((column) => column.name);
  if (!isErrorListHeader(headers)) return undefined;
  const roles = columnRoles(headers);
  const columns: TableColumn[] = table.columns.map((column, index) => {
    const role = roles[index];
    return role === undefined ? column : { ...column, role };
  });
  const columnOf = new Map<ColumnRole, number>();
  roles.forEach((role, index) => {
    if (role !== undefined) columnOf.set(role, index);
  });
  const at = (row: readonly string[], role: ColumnRole): string => {
    const index = columnOf.get(role);
    return index === undefined ? '' : (row[index] ?? '').trim();
  };
  const errors = table.rows.map((row, index): ErrorRow => {
    const severityText = at(row, 'severity');
    return {
      row: index,
      brukerNr: at(row, 'brukerNr'),
      code: at(row, 'code'),
      severity: parseSeverity(severityText),
      severityText,
      serviceType: at(row, 'serviceType'),
      variable: at(row, 'variable'),
      value: at(row, 'value'),
      message: at(row, 'message'),
    };
  });
  return { table: { ...table, columns }, errors };
}
