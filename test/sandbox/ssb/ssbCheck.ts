/**
 * SSB's check of a submitted extract, as the sandbox assumes it (test/sandbox/README.md): the
 * project's validation engine (src/core/validation, the same rules the municipality runs
 * locally) makes the error list, and SSB adds what only it can find — R01 and R02, from its
 * registers (./registerChecks.ts). A file a fatal gate rejects (X01, K01, …) gets that one row
 * and no control tables.
 */
import { findRule, ruleSeverity, validateExtract, type Finding } from '../../../src/core/validation';
import { extractStatistics, type ExtractStatistics } from './extractStatistics';
import { RegisterChecks, type RegisterFinding } from './registerChecks';
import type { SsbErrorRow } from './ssbErrorRow';

export interface SsbCheckResult {
  rows: SsbErrorRow[];
  /** The counts behind the control tables; undefined when the file was rejected as a whole. */
  statistics: ExtractStatistics | undefined;
}

/** SSB reports every finding: no cap per rule, unlike the local control's summary. */
const EVERY_FINDING = Number.MAX_SAFE_INTEGER;

/** Findings of the local control that make the identity one SSB cannot look up. */
const IDENTITY_FAULTS = new Set(['I03', 'I04']);

export async function ssbCheck(path: string, sender: string, year: number): Promise<SsbCheckResult> {
  const report = await validateExtract(path, { municipality: sender, year, language: 'nb', maxPerRule: EVERY_FINDING });
  const rows = report.findings.map(fromFinding);
  if (report.fatal) return { rows, statistics: undefined };
  const register = new RegisterChecks(sender, identityFaulted(report.findings));
  const statistics = await extractStatistics(path, year, register.visit);
  rows.push(...register.findings.map((finding) => fromRegisterFinding(finding, year)));
  // In file order, as SSB lists its rows; sort is stable, so rows of one line keep their order.
  rows.sort((a, b) => a.line - b.line);
  return { rows, statistics };
}

/**
 * Only the rows SSB adds to the local control's (R01, R02), for tests that know the planted
 * errors and want the whole error list: none when a fatal gate rejects the file.
 */
export async function ssbOnlyFindings(path: string, sender: string, year: number): Promise<RegisterFinding[]> {
  const report = await validateExtract(path, { municipality: sender, year, maxPerRule: EVERY_FINDING });
  if (report.fatal) return [];
  const register = new RegisterChecks(sender, identityFaulted(report.findings));
  await extractStatistics(path, year, register.visit);
  return register.findings;
}

/** The brukerNr of clients whose identity the local control faulted: SSB cannot look those up. */
function identityFaulted(findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter((finding) => IDENTITY_FAULTS.has(finding.ruleId)).map((finding) => finding.brukerNr));
}

function fromFinding(finding: Finding): SsbErrorRow {
  return {
    brukerNr: finding.brukerNr,
    serviceType: finding.serviceType,
    variable: finding.variable,
    value: finding.value,
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    line: finding.line,
  };
}

function fromRegisterFinding(finding: RegisterFinding, year: number): SsbErrorRow {
  return ssbOnlyRow(finding.ruleId, year, finding);
}

/** A row for one of SSB's own rules (R01, R02, Z01): message and severity from the rule's metadata and the year's profile. */
export function ssbOnlyRow(
  ruleId: 'R01' | 'R02' | 'Z01',
  year: number,
  fields: { brukerNr?: string; variable?: string; value?: string; line?: number },
): SsbErrorRow {
  const rule = findRule(ruleId);
  if (rule === undefined) throw new Error(`the validation engine has no rule ${ruleId}`);
  const value = fields.value ?? '';
  return {
    brukerNr: fields.brukerNr ?? '',
    serviceType: '',
    variable: fields.variable ?? '',
    value,
    code: ruleId,
    severity: ruleSeverity(ruleId, year),
    // SSB's own rules name no placeholder but the value (ssbRules.ts).
    message: rule.message.nb.replace('{value}', value),
    line: fields.line ?? 0,
  };
}
