// The local control where users meet it, in the real VS Code against the sandbox:
// "IPLOS: Validate extract" → the Problems panel (ranges, rule ids linking to the rule's
// page, severities) and the viewer's Local control document; a clean extract has none;
// a changed file's findings go stale; Cancel stops a run; and "Send extract" gated by the
// control — fatal refused, errors asked (Show them / Send anyway), warnings never asked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { utimes, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ValidationReport } from '../../src/core/validation/finding';
import type { ReportedError } from '../../src/extension/services/errorReporter';
import { handExtractXml, type HandExtract } from '../helpers/handExtract';
import {
  sandboxFixture,
  tempFolder,
  waitFor,
  writeHandWorkspaceExtract,
  writeWorkspaceExtract,
  type SandboxFixture,
} from './sandboxSetup';

/** Four findings on five clients: three errors (T01, T02, T03) and a warning (B01). */
const WITH_FINDINGS: HandExtract = {
  clients: [
    { tjenester: [{ tjenesteType: '99' }] },
    { tjenester: [{ fraDato: '2025-06-01', tilDato: '2025-02-01' }] },
    { tjenester: [{ timerPerUke: '200' }] },
    { tjenester: [] },
    {},
  ],
};
const CLEAN: HandExtract = { clients: [{}, {}, { tjenester: [{ tjenesteType: '1' }, { tjenesteType: '21' }] }] };
const WARNINGS_ONLY: HandExtract = { clients: [{}, { tjenester: [] }] };

const codeOf = (diagnostic: vscode.Diagnostic): string =>
  String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);

/** The text a diagnostic's range covers in the file. */
function rangeText(uri: vscode.Uri, range: vscode.Range): string {
  const line = readFileSync(uri.fsPath, 'utf8').split('\n')[range.start.line] ?? '';
  return line.slice(range.start.character, range.end.character);
}

describe('local control: Validate extract and the send gate', () => {
  let fixture: SandboxFixture;
  let reports: ReportedError[];
  let listener: vscode.Disposable;

  before(async () => {
    fixture = await sandboxFixture({ historyFolder: tempFolder('local-control') });
    reports = [];
    listener = fixture.api.services.reporter.onDidReport((report) => reports.push(report));
  });

  after(async () => {
    listener?.dispose();
    await fixture?.stop();
  });

  beforeEach(() => {
    reports.length = 0;
    fixture.questions.answer({});
  });

  const validate = (uri: vscode.Uri) =>
    vscode.commands.executeCommand<ValidationReport | undefined>('iplos.validateExtract', uri);
  const submissionsOnServer = () => fixture.sandbox.submissions.submissions.size;
  const historyCount = async () => {
    const history = await fixture.api.services.history.read();
    return history.submissions.length + history.pendingIntents.length;
  };

  it('"IPLOS: Validate extract": the findings in the Problems panel on their attributes, and the Local control document', async () => {
    const uri = await writeHandWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025_funn.xml', WITH_FINDINGS);
    const report = await validate(uri);
    assert.ok(report, `validated (reports: ${JSON.stringify(reports)})`);
    assert.equal(report.fatal, false);
    assert.deepEqual(
      report.findings.map((finding) => `${finding.ruleId}:${finding.severity}`),
      ['T01:error', 'T02:error', 'T03:error', 'B01:warning'],
    );
    const diagnostics = vscode.languages.getDiagnostics(uri);
    assert.equal(diagnostics.length, 4);
    assert.deepEqual(diagnostics.map(codeOf), ['T01', 'T02', 'T03', 'B01']);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.severity),
      [
        vscode.DiagnosticSeverity.Error,
        vscode.DiagnosticSeverity.Error,
        vscode.DiagnosticSeverity.Error,
        vscode.DiagnosticSeverity.Warning,
      ],
    );
    // Each on the attribute it is about; the client without services on its element's name.
    assert.deepEqual(
      diagnostics.map((diagnostic) => rangeText(uri, diagnostic.range)),
      ['tjenesteType', 'tilDato', 'timerPerUke', 'Bruker'],
    );
    const lines = readFileSync(uri.fsPath, 'utf8').split('\n');
    assert.match(
      lines[diagnostics[0]?.range.start.line ?? -1] ?? '',
      /tjenesteType="99"/,
      'T01 on the line of code 99',
    );
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, 'IPLOS');
      const target = typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
      assert.equal(target?.scheme, 'command');
      assert.equal(target?.path, 'iplos.explainRule');
      assert.deepEqual(JSON.parse(decodeURIComponent(target?.query ?? '')), [codeOf(diagnostic)]);
    }
    assert.match(diagnostics[3]?.message ?? '', /\(client 100004\)$/, 'names the client');
    const panel = fixture.api.services.feedbackPanels.localControlPanelFor(uri);
    assert.ok(panel, 'the Local control document is open');
    assert.equal(panel.title, 'Local control: IPLOS_0403_2025_funn.xml');
  });

  it("a rule id's link opens the rule's page: what it means, how to fix it, what it rests on", async () => {
    assert.equal(await vscode.commands.executeCommand('iplos.explainRule', 't01'), 'T01');
    const page = await vscode.workspace.openTextDocument(vscode.Uri.parse('iplos-rule:/T01.md'));
    const text = page.getText();
    assert.match(text, /^# T01 — /);
    assert.match(text, /## What it means\n\n.+/);
    assert.match(text, /## How to fix it in the EPJ\n\n.+/);
    assert.match(text, /- Source: .*9151/, 'names its source (code list 9151)');
    assert.equal(await vscode.commands.executeCommand('iplos.explainRule', 'Z99'), undefined);
    assert.match(reports.at(-1)?.message ?? '', /no control rule Z99/);
  });

  it('a rule with more findings than the report lists (100) says how many more, once', async () => {
    const uri = await writeHandWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025_mange.xml', {
      clients: Array.from({ length: 103 }, () => ({ tjenester: [{ tjenesteType: '99' }] })),
    });
    const report = await validate(uri);
    assert.deepEqual(report?.tallies, [{ ruleId: 'T01', severity: 'error', total: 103, shown: 100 }]);
    const diagnostics = vscode.languages.getDiagnostics(uri);
    assert.equal(diagnostics.length, 101);
    const more = diagnostics.filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Information);
    assert.equal(more.length, 1);
    assert.equal(more[0]?.message, 'T01: 3 more findings of this rule are not listed (the first 100 are).');
    assert.deepEqual(more[0]?.range, diagnostics[99]?.range, 'on the last one listed');
  });

  it('a changed extract: its findings leave the Problems panel (stale); validated again, a clean one has none', async () => {
    const uri = vscode.Uri.joinPath(fixture.workspace, 'IPLOS_0403_2025_funn.xml');
    assert.equal(vscode.languages.getDiagnostics(uri).length, 4, 'from the test before');
    // The EPJ's new extract overwrites the file: the old lines no longer hold.
    await writeFile(uri.fsPath, handExtractXml(CLEAN), 'utf8');
    await waitFor('the stale findings to leave the Problems panel', () =>
      vscode.languages.getDiagnostics(uri).length === 0 ? true : undefined,
    );
    assert.equal(fixture.api.services.localControl.result(uri)?.stale, true);
    const report = await validate(uri);
    assert.deepEqual(report?.findings, []);
    assert.deepEqual(report?.counts, { critical: 0, error: 0, warning: 0, info: 0 });
    assert.equal(report?.clients, 3);
    assert.equal(report?.services, 4);
    assert.equal(fixture.api.services.localControl.result(uri)?.stale, false);
    assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
    assert.ok(fixture.api.services.feedbackPanels.localControlPanelFor(uri), 'the document shows "No findings"');
    // Findings again: re-validating replaces the previous result, it does not add to it.
    await writeFile(uri.fsPath, handExtractXml(WITH_FINDINGS), 'utf8');
    await validate(uri);
    await validate(uri);
    assert.equal(vscode.languages.getDiagnostics(uri).length, 4);
  });

  it('Cancel during the control stops it; the previous findings stay as they were', async () => {
    const { uri } = await writeWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025_stor.xml', {
      clients: 20_000,
      errors: 0,
    });
    const small = vscode.Uri.joinPath(fixture.workspace, 'IPLOS_0403_2025_funn.xml');
    const before = vscode.languages.getDiagnostics(small).length;
    const started = fixture.api.onDidStartProgress((progress) => {
      if (progress.title.includes('IPLOS_0403_2025_stor.xml')) progress.cancel();
    });
    try {
      assert.equal(await validate(uri), undefined);
    } finally {
      started.dispose();
    }
    const report = reports.find((candidate) => candidate.commandId === 'iplos.validateExtract');
    assert.equal(report?.cancelled, true, 'reported as a cancel, not a failure');
    assert.equal(fixture.api.services.localControl.result(uri), undefined, 'no result for the cancelled run');
    assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
    assert.equal(vscode.languages.getDiagnostics(small).length, before, "another file's findings untouched");
  });

  it('Send extract, fatal finding: refused with the reason, nothing sent, the history unchanged, the finding in the Problems panel', async () => {
    const uri = await writeHandWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025_k01.xml', {
      kommuneNr: '3403',
      clients: [{}],
    });
    const sent = submissionsOnServer();
    const recorded = await historyCount();
    assert.equal(await vscode.commands.executeCommand('iplos.sendExtract', uri, { confirmed: true }), undefined);
    assert.equal(submissionsOnServer(), sent, 'nothing sent');
    assert.equal(await historyCount(), recorded, 'nothing recorded');
    assert.deepEqual(fixture.questions.errors, [], 'no question: a fatal finding cannot be sent anyway');
    const report = reports.find((candidate) => candidate.commandId === 'iplos.sendExtract');
    assert.equal(report?.cancelled, false);
    assert.match(report?.message ?? '', /cannot be sent as it is: .*3403/);
    assert.match(report?.remedy ?? '', /Problems panel/);
    assert.deepEqual(vscode.languages.getDiagnostics(uri).map(codeOf), ['K01']);
  });

  it('Send extract of a file that changes while it is checked: refused, nothing sent, nothing recorded', async () => {
    const { uri } = await writeWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025_skrives.xml', {
      clients: 20_000,
      errors: 0,
    });
    const sent = submissionsOnServer();
    const recorded = await historyCount();
    // The EPJ still writing: the file's time moves while the control reads it (20 000 clients
    // take far longer to read than the 30 ms before the change).
    const started = fixture.api.onDidStartProgress((progress) => {
      if (!progress.title.includes('IPLOS_0403_2025_skrives.xml')) return;
      setTimeout(() => void utimes(uri.fsPath, new Date(), new Date(Date.now() + 60_000)), 30);
    });
    try {
      assert.equal(await vscode.commands.executeCommand('iplos.sendExtract', uri, { confirmed: true }), undefined);
    } finally {
      started.dispose();
    }
    assert.equal(submissionsOnServer(), sent, 'nothing sent');
    assert.equal(await historyCount(), recorded, 'nothing recorded');
    const report = reports.find((candidate) => candidate.commandId === 'iplos.sendExtract');
    assert.match(report?.message ?? '', /changed while it was being checked, so it was not sent/);
    assert.match(report?.remedy ?? '', /finished writing/);
  });

  it('Send extract without a period: refused before any question, since the year it is for is not known', async () => {
    const uri = await writeHandWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025_periode.xml', {
      melding: { fraDatoPeriode: undefined, tilDatoPeriode: undefined },
      clients: [{}],
    });
    const sent = submissionsOnServer();
    assert.equal(await vscode.commands.executeCommand('iplos.sendExtract', uri, { confirmed: true }), undefined);
    assert.equal(submissionsOnServer(), sent);
    assert.deepEqual(fixture.questions.errors, []);
    assert.match(
      reports.find((candidate) => candidate.commandId === 'iplos.sendExtract')?.message ?? '',
      /no reporting period/,
    );
    assert.deepEqual(vscode.languages.getDiagnostics(uri).map(codeOf), ['P01', 'P01']);
  });

  it('Send extract with errors: asked "N errors found"; declining or "Show them" sends nothing; "Send anyway" sends, the summary shows the counts', async () => {
    const uri = await writeHandWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025_feil.xml', WITH_FINDINGS);
    const sent = submissionsOnServer();
    // Declined (the dialog closed): a cancel, nothing sent.
    fixture.questions.answer({ errors: undefined });
    assert.equal(await vscode.commands.executeCommand('iplos.sendExtract', uri, { confirmed: true }), undefined);
    assert.deepEqual(fixture.questions.errors.at(-1), {
      extract: 'IPLOS_0403_2025_feil.xml',
      errors: 3,
      warnings: 1,
      environment: 'test',
    });
    assert.equal(reports.find((candidate) => candidate.commandId === 'iplos.sendExtract')?.cancelled, true);
    assert.equal(submissionsOnServer(), sent);
    // "Show them": the Local control document and the Problems panel, nothing sent.
    fixture.questions.answer({ errors: 'show' });
    assert.equal(await vscode.commands.executeCommand('iplos.sendExtract', uri, { confirmed: true }), undefined);
    assert.ok(fixture.api.services.feedbackPanels.localControlPanelFor(uri));
    assert.equal(vscode.languages.getDiagnostics(uri).length, 4);
    assert.equal(submissionsOnServer(), sent);
    // "Send anyway", then the confirmation with the control's counts in its summary.
    fixture.questions.answer({ errors: 'send', confirm: true });
    const result = await vscode.commands.executeCommand<{ submissionId: string } | undefined>('iplos.sendExtract', uri);
    assert.ok(result?.submissionId, `sent (reports: ${JSON.stringify(reports)})`);
    assert.equal(fixture.questions.errors.length, 1);
    const confirmation = fixture.questions.confirmations.at(-1);
    assert.equal(confirmation?.errors, 3);
    assert.ok(confirmation?.summary.includes('Local control: 3 errors, 1 warnings'), confirmation?.summary.join(' | '));
    assert.equal(submissionsOnServer(), sent + 1);
  });

  it('to production with errors: "Send anyway", then the production confirmation names them — also with { confirmed }', async () => {
    const uri = await writeHandWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025_prod.xml', WITH_FINDINGS);
    const config = vscode.workspace.getConfiguration('iplos');
    await config.update('environment', 'production', vscode.ConfigurationTarget.Global);
    const sent = submissionsOnServer();
    try {
      fixture.questions.answer({ errors: 'send', confirm: false });
      assert.equal(await vscode.commands.executeCommand('iplos.sendExtract', uri, { confirmed: true }), undefined);
    } finally {
      await config.update('environment', 'test', vscode.ConfigurationTarget.Global);
    }
    assert.equal(fixture.questions.errors.at(-1)?.environment, 'production');
    const confirmation = fixture.questions.confirmations.at(-1);
    assert.equal(confirmation?.environment, 'production', 'production is confirmed even when { confirmed } is passed');
    assert.equal(confirmation?.errors, 3, 'the second confirmation names the errors sent anyway');
    assert.equal(submissionsOnServer(), sent, 'declined: nothing sent');
  });

  it('Send extract with warnings only: sent without the question; the warning stays in the Problems panel', async () => {
    const uri = await writeHandWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025_advarsel.xml', WARNINGS_ONLY);
    const sent = submissionsOnServer();
    const result = await vscode.commands.executeCommand<{ submissionId: string } | undefined>(
      'iplos.sendExtract',
      uri,
      { confirmed: true },
    );
    assert.ok(result?.submissionId, `sent (reports: ${JSON.stringify(reports)})`);
    assert.deepEqual(fixture.questions.errors, [], 'not asked');
    assert.equal(submissionsOnServer(), sent + 1);
    const diagnostics = vscode.languages.getDiagnostics(uri);
    assert.deepEqual(diagnostics.map(codeOf), ['B01']);
    assert.equal(diagnostics[0]?.severity, vscode.DiagnosticSeverity.Warning);
  });
});
