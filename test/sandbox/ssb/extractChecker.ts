/**
 * SSB's check of a submitted extract, as the sandbox assumes it (test/sandbox/README.md):
 * the deterministic rules of test/fixtures/extractRules.ts, one streaming pass with saxes,
 * plus the counts behind the control tables. A file that is not well-formed gets one X01
 * row and no tables: SSB rejects it as a whole.
 */
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { FUNCTION_VARIABLES, MAX_HOURS_PER_WEEK, VALID_SERVICE_TYPES, type RuleRow } from '../../fixtures/extractRules';

export interface CheckRow extends RuleRow {
  tjenestetype: string;
}

export interface ExtractStatistics {
  clients: number;
  services: number;
  /** tjenesteType → clients, services, hours sum and hours count. */
  byServiceType: Map<string, { clients: Set<string>; services: number; hours: number; hoursCount: number }>;
  /** age group → counts by sex ("1" men, "2" women). */
  byAgeGroup: Map<string, { men: number; women: number }>;
  /** month 1–12 → services started and ended in the reporting year. */
  byMonth: Map<number, { started: number; ended: number }>;
}

export interface CheckResult {
  rows: CheckRow[];
  statistics: ExtractStatistics | undefined;
  /** Where and why the XML broke (for the X01 message). */
  malformedDetail?: string;
}

export const AGE_GROUPS = ['0–17', '18–49', '50–66', '67–79', '80–89', '90+'] as const;

export async function checkExtract(path: string, sender: string, year: number): Promise<CheckResult> {
  const rows: CheckRow[] = [];
  const statistics: ExtractStatistics = {
    clients: 0,
    services: 0,
    byServiceType: new Map(),
    byAgeGroup: new Map(AGE_GROUPS.map((group) => [group, { men: 0, women: 0 }])),
    byMonth: new Map(Array.from({ length: 12 }, (_, i) => [i + 1, { started: 0, ended: 0 }])),
  };
  const parser = new SaxesParser({ position: true });
  let malformed: string | undefined;
  let root: string | undefined;
  let client: { brukerNr: string; services: number } | undefined;
  const row = (code: string, variable: string, value: string, tjenestetype = ''): void => {
    rows.push({ brukerNr: client?.brukerNr ?? '', code, variable, value, tjenestetype });
  };

  parser.on('error', (error) => {
    malformed ??= `${error.message}`;
  });
  parser.on('opentag', (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    if (root === undefined) {
      root = tag.name;
      if (root !== 'Melding') malformed ??= `root element is <${root}>, not <Melding>`;
      return;
    }
    switch (tag.name) {
      case 'Kommune':
        if (attributes.kommuneNr !== sender) row('K01', 'kommuneNr', attributes.kommuneNr ?? '');
        break;
      case 'Bruker': {
        client = { brukerNr: attributes.brukerNr ?? '', services: 0 };
        statistics.clients++;
        const age = year - Number(attributes.fodselsaar);
        const group = AGE_GROUPS[age < 18 ? 0 : age < 50 ? 1 : age < 67 ? 2 : age < 80 ? 3 : age < 90 ? 4 : 5];
        const counts = statistics.byAgeGroup.get(group) as { men: number; women: number };
        if (attributes.kjonn === '1') counts.men++;
        else counts.women++;
        break;
      }
      case 'Vurdering': {
        const missing = FUNCTION_VARIABLES.find((name) => !attributes[name]);
        if (missing) row('F01', missing, '');
        break;
      }
      case 'Tjeneste':
        checkService(attributes);
        break;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'Bruker' && client) {
      if (client.services === 0) row('B01', 'Tjeneste', '');
      client = undefined;
    }
  });

  function checkService(attributes: Record<string, string>): void {
    const type = attributes.tjenesteType ?? '';
    const from = attributes.fraDato ?? '';
    const to = attributes.tilDato;
    const hours = attributes.timerPerUke;
    if (client) client.services++;
    statistics.services++;
    if (!(VALID_SERVICE_TYPES as readonly number[]).includes(Number(type))) row('T01', 'tjenesteType', type, type);
    if (to !== undefined && to < from) row('T02', 'tilDato', to, type);
    if (hours !== undefined && Number(hours) > MAX_HOURS_PER_WEEK) row('T03', 'timerPerUke', hours, type);
    if (!from.startsWith(`${year}-`)) row('D01', 'fraDato', from, type);
    const stats = statistics.byServiceType.get(type) ?? {
      clients: new Set<string>(),
      services: 0,
      hours: 0,
      hoursCount: 0,
    };
    stats.services++;
    if (client) stats.clients.add(client.brukerNr);
    if (hours !== undefined && Number.isFinite(Number(hours))) {
      stats.hours += Number(hours);
      stats.hoursCount++;
    }
    statistics.byServiceType.set(type, stats);
    if (from.startsWith(`${year}-`))
      (statistics.byMonth.get(Number(from.slice(5, 7))) as { started: number }).started++;
    if (to?.startsWith(`${year}-`)) (statistics.byMonth.get(Number(to.slice(5, 7))) as { ended: number }).ended++;
  }

  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 })) {
    parser.write(chunk as string);
    if (malformed) break;
  }
  if (!malformed) {
    try {
      parser.close();
    } catch (error) {
      malformed ??= (error as Error).message;
    }
  }
  if (malformed || root === undefined) {
    return {
      rows: [{ brukerNr: '', code: 'X01', variable: '', value: '', tjenestetype: '' }],
      statistics: undefined,
      malformedDetail: malformed ?? 'the file is empty',
    };
  }
  return { rows, statistics };
}
