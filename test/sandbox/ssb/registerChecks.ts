/**
 * The findings only SSB can make, because only SSB holds the registers: R01 (the identity is
 * not in the population register, Folkeregisteret) and R02 (another municipality reported the
 * same client). The sandbox has no registers, so it decides both by a fixed rule over `fid`,
 * written down in test/sandbox/README.md ("Findings only SSB makes") — an assumption, chosen
 * so that the feedback is realistic (not a mirror of the local control) and still the same on
 * every run:
 *
 * - h = the first four bytes (big-endian) of SHA-256("iplos-sandbox-register:" + fid);
 * - R01 when h mod 2000 = 0 (about 1 client in 2 000);
 * - R02 when h mod 1000 = 500 (about 1 in 1 000; never together with R01), and the other
 *   municipality is one of the demo municipalities other than the sender, number
 *   floor(h / 1000) mod their count.
 *
 * Only identities SSB can look up are checked: `typeID` 1 (fødselsnummer) or 2 (D-nummer),
 * and no finding of the local control about the identity (I03, I04).
 */
import { createHash } from 'node:crypto';
import { DEMO_MUNICIPALITIES } from '../demoData';
import type { ClientIdentity } from './extractStatistics';

/** Identity types SSB looks up in Folkeregisteret (code list 9032: 1 fødselsnummer, 2 D-nummer). */
const LOOKED_UP_TYPES = new Set(['1', '2']);
/** About 1 in 2 000 identities are not in the sandbox's population register. */
export const NOT_IN_REGISTER_MODULUS = 2000;
/** About 1 in 1 000 clients are also reported by another municipality. */
export const OTHER_MUNICIPALITY_MODULUS = 1000;

export interface RegisterFinding {
  ruleId: 'R01' | 'R02';
  brukerNr: string;
  variable: string;
  /** R01: '' (SSB does not echo the identity number back); R02: the other municipality's number. */
  value: string;
  line: number;
}

function registerHash(fid: string): number {
  return createHash('sha256').update(`iplos-sandbox-register:${fid}`).digest().readUInt32BE(0);
}

/** The register finding for one client, if the sandbox's rule gives one (see the header). */
export function registerFinding(client: ClientIdentity, sender: string): RegisterFinding | undefined {
  if (!LOOKED_UP_TYPES.has(client.typeID) || client.fid === '') return undefined;
  const h = registerHash(client.fid);
  const base = { brukerNr: client.brukerNr, line: client.line };
  if (h % NOT_IN_REGISTER_MODULUS === 0) return { ...base, ruleId: 'R01', variable: 'fid', value: '' };
  if (h % OTHER_MUNICIPALITY_MODULUS === OTHER_MUNICIPALITY_MODULUS / 2) {
    const others = DEMO_MUNICIPALITIES.map((municipality) => municipality.number).filter((n) => n !== sender);
    const other = others[Math.floor(h / OTHER_MUNICIPALITY_MODULUS) % others.length] as string;
    return { ...base, ruleId: 'R02', variable: 'kommuneNr', value: other };
  }
  return undefined;
}

/**
 * Collects the register findings of an extract's clients (fed by the statistics pass), skipping
 * clients whose identity the local control already faulted (`faulted`: their brukerNr).
 */
export class RegisterChecks {
  readonly findings: RegisterFinding[] = [];

  constructor(
    private readonly sender: string,
    private readonly faulted: ReadonlySet<string>,
  ) {}

  readonly visit = (client: ClientIdentity): void => {
    if (this.faulted.has(client.brukerNr)) return;
    const finding = registerFinding(client, this.sender);
    if (finding) this.findings.push(finding);
  };
}
