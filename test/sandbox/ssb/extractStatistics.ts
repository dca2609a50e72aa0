/**
 * The counts behind SSB's control tables, as the sandbox assumes them (test/sandbox/README.md):
 * clients and services by service type, clients by age group and sex, services started and
 * ended by month. One streaming pass with saxes; no rule is checked here (that is the
 * validation engine's, src/core/validation). The pass also hands each client's identity to
 * `onClient`, for the checks only SSB can make (./registerChecks.ts).
 */
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';

export interface ExtractStatistics {
  clients: number;
  services: number;
  /** tjenesteType → clients, services, hours sum and hours count. */
  byServiceType: Map<string, { clients: Set<string>; services: number; hours: number; hoursCount: number }>;
  /** age group → counts by sex ("1" men, anything else women). */
  byAgeGroup: Map<string, { men: number; women: number }>;
  /** month 1–12 → services started and ended in the reporting year. */
  byMonth: Map<number, { started: number; ended: number }>;
}

/** A client's identity as written, and where its `Bruker` starts (one-based line). */
export interface ClientIdentity {
  brukerNr: string;
  fid: string;
  typeID: string;
  line: number;
}

export const AGE_GROUPS = ['0–17', '18–49', '50–66', '67–79', '80–89', '90+'] as const;

function ageGroup(age: number): (typeof AGE_GROUPS)[number] {
  if (age < 18) return '0–17';
  if (age < 50) return '18–49';
  if (age < 67) return '50–66';
  if (age < 80) return '67–79';
  if (age < 90) return '80–89';
  return '90+';
}

/** Reads a well-formed extract (the engine has said so) and counts; rejects on an XML error. */
export async function extractStatistics(
  path: string,
  year: number,
  onClient: (client: ClientIdentity) => void = () => undefined,
): Promise<ExtractStatistics> {
  const statistics: ExtractStatistics = {
    clients: 0,
    services: 0,
    byServiceType: new Map(),
    byAgeGroup: new Map(AGE_GROUPS.map((group) => [group, { men: 0, women: 0 }])),
    byMonth: new Map(Array.from({ length: 12 }, (_, i) => [i + 1, { started: 0, ended: 0 }])),
  };
  const parser = new SaxesParser({ position: true });
  let failure: Error | undefined;
  let brukerNr = '';
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    const name = tag.name.slice(tag.name.indexOf(':') + 1);
    if (name === 'Bruker') {
      brukerNr = attributes.brukerNr ?? '';
      statistics.clients++;
      const counts = statistics.byAgeGroup.get(ageGroup(year - Number(attributes.fodselsaar))) as {
        men: number;
        women: number;
      };
      if (attributes.kjonn === '1') counts.men++;
      else counts.women++;
      onClient({ brukerNr, fid: attributes.fid ?? '', typeID: attributes.typeID ?? '', line: parser.line });
    } else if (name === 'Tjeneste') countService(attributes);
  });

  function countService(attributes: Record<string, string>): void {
    const type = attributes.tjenesteType ?? '';
    const from = attributes.fraDato ?? '';
    const to = attributes.tilDato;
    const hours = attributes.timerPerUke;
    statistics.services++;
    const stats = statistics.byServiceType.get(type) ?? {
      clients: new Set<string>(),
      services: 0,
      hours: 0,
      hoursCount: 0,
    };
    stats.services++;
    stats.clients.add(brukerNr);
    if (hours !== undefined && Number.isFinite(Number(hours))) {
      stats.hours += Number(hours);
      stats.hoursCount++;
    }
    statistics.byServiceType.set(type, stats);
    const started = monthIn(from, year);
    if (started !== undefined) (statistics.byMonth.get(started) as { started: number }).started++;
    const ended = to === undefined ? undefined : monthIn(to, year);
    if (ended !== undefined) (statistics.byMonth.get(ended) as { ended: number }).ended++;
  }

  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 })) {
    parser.write(chunk as string);
    if (failure) throw failure;
  }
  parser.close();
  if (failure) throw failure;
  return statistics;
}

/** The month (1–12) of an ISO date in `year`, or undefined when the date lies in another year or is not a date. */
function monthIn(date: string, year: number): number | undefined {
  if (!date.startsWith(`${year}-`)) return undefined;
  const month = Number(date.slice(5, 7));
  return month >= 1 && month <= 12 ? month : undefined;
}
