/**
 * Keeps what a run reports: per rule a tally of every finding, and at most `maxPerRule`
 * findings themselves ("and N more"), so a file with a million broken services still makes a
 * small report. A finding beyond the cap is only counted: its position and message are never
 * computed. A fatal gate's finding is kept apart; when there is one, it is all the report holds.
 */
import type { Finding, RuleSeverity, RuleTally } from './finding';
import type { Rule } from './ruleTypes';
import { SEVERITIES } from './severity';

interface Count {
  severity: RuleSeverity;
  total: number;
  shown: number;
}

export class FindingCollector {
  private readonly findings: Finding[] = [];
  private readonly counts = new Map<string, Count>();
  private gateFinding: Finding | undefined;

  constructor(
    private readonly maxPerRule: number,
    /** Report order of the rule ids (tallies follow it). */
    private readonly order: readonly string[],
  ) {}

  get gate(): Finding | undefined {
    return this.gateFinding;
  }

  /** Counts a finding of `rule`; calls `build` (position, message) only when the finding is kept. */
  add(rule: Rule, severity: RuleSeverity, build: () => Finding): void {
    if (this.gateFinding !== undefined) return;
    if (rule.gate === true) {
      this.gateFinding = build();
      return;
    }
    let count = this.counts.get(rule.id);
    if (count === undefined) {
      count = { severity, total: 0, shown: 0 };
      this.counts.set(rule.id, count);
    }
    count.total++;
    if (count.shown < this.maxPerRule) {
      count.shown++;
      this.findings.push(build());
    }
  }

  /** Findings in file order, tallies in rule order, counts over every finding (not only those kept). */
  result(): { findings: Finding[]; tallies: RuleTally[]; counts: Record<RuleSeverity, number> } {
    const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<RuleSeverity, number>;
    if (this.gateFinding !== undefined) {
      const gate = this.gateFinding;
      counts[gate.severity] = 1;
      return {
        findings: [gate],
        tallies: [{ ruleId: gate.ruleId, severity: gate.severity, total: 1, shown: 1 }],
        counts,
      };
    }
    const tallies: RuleTally[] = [];
    for (const ruleId of this.order) {
      const count = this.counts.get(ruleId);
      if (count === undefined) continue;
      tallies.push({ ruleId, severity: count.severity, total: count.total, shown: count.shown });
      counts[count.severity] += count.total;
    }
    // Findings made at an end tag or at the end of the file point back to where they belong.
    const findings = this.findings
      .map((finding, index) => ({ finding, index }))
      .sort((a, b) => a.finding.line - b.finding.line || a.finding.column - b.finding.column || a.index - b.index)
      .map(({ finding }) => finding);
    return { findings, tallies, counts };
  }
}
