/**
 * docs/validation-rules.md, generated from the rules' own data (src/core/validation): every
 * rule's id, title, element, scope, basis, severity per yearly profile and source, and the
 * code lists. `npm run docs:rules` writes it; test/unit/validation/rulesDocument.test.ts fails
 * when the file is not what this renders, so the page never drifts from the rules.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeLists, RULES, severityName, severityProfiles } from '../src/core/validation';

export const RULES_DOCUMENT = join(__dirname, '..', 'docs', 'validation-rules.md');

/** A table cell: pipes escaped, one line. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function renderValidationRules(): string {
  const profiles = severityProfiles();
  const lines: string[] = [
    '# Validation rules',
    '',
    '<!-- Generated from src/core/validation by `npm run docs:rules`; do not edit by hand (a test compares). -->',
    '',
    'Every rule of the local control (`validateExtract`, src/core/validation) and the findings only SSB makes',
    '(origin `ssb`). **Gate**: a fatal gate — when it fires, only its finding is reported and the rest is not',
    "run. **Basis**: `spec` (Helsedirektoratet's message specification, Source A, or Skatteetaten), `guidance`",
    "(Helsedirektoratet's guides, Source B) or `assumption` (the project's own; at most a warning unless the",
    'rule says why SSB rejects the file). Sources A and B: shared/docs/iplos-control-rules.md.',
    '',
    '## Severity profiles',
    '',
    'A year without a profile of its own uses the latest earlier one (src/core/validation/severityProfiles.json).',
    '',
    '| profile | source |',
    '|---|---|',
    ...profiles.map((profile) => `| ${profile.year} | ${cell(profile.source)} |`),
    '',
    '## Rules',
    '',
    `| id | title | element | scope | origin | gate | basis | ${profiles.map((profile) => profile.year).join(' | ')} | source |`,
    `|---|---|---|---|---|---|---|${profiles.map(() => '---|').join('')}---|`,
  ];
  for (const rule of RULES) {
    const severities = profiles.map((profile) => {
      const severity = profile.severities[rule.id];
      return severity === undefined ? '—' : `${severityName(severity, 'en')} (${severityName(severity, 'nb')})`;
    });
    const source = rule.rejects === undefined ? rule.source : `${rule.source}. Rejected because: ${rule.rejects}`;
    lines.push(
      `| ${rule.id} | ${cell(rule.catalogue.en.title)} | ${rule.element || '(file)'} | ${rule.scope} | ${rule.origin} | ${rule.gate === true ? 'yes' : ''} | ${rule.basis} | ${severities.join(' | ')} | ${cell(source)} |`,
    );
  }
  lines.push('', '## Code lists', '');
  for (const list of codeLists()) {
    lines.push(`### ${list.id} ${list.name}`, '', cell(list.source), '', '| code | text | note |', '|---|---|---|');
    for (const entry of list.codes) {
      const note = [
        entry.expired === undefined ? '' : `expired: ${entry.expired}`,
        entry.kprIdentity ? 'gives a KPR identity' : '',
      ]
        .filter(Boolean)
        .join('; ');
      lines.push(`| ${entry.code} | ${cell(entry.text)} | ${cell(note)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (require.main === module) {
  writeFileSync(RULES_DOCUMENT, renderValidationRules());
  console.log(`wrote ${RULES_DOCUMENT}`);
}
