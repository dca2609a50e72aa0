// A failed send offers Resume for exactly that send — also when another unfinished send of
// the same municipality was updated moments before (the reporter used to guess "the latest
// unfinished submission of the last 60 s").
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReportedError } from '../../src/extension/services/errorReporter';
import { sandboxFixture, tempFolder, writeHandWorkspaceExtract, type SandboxFixture } from './sandboxSetup';

/** Clean extracts (no findings of the local control): these sends are about the network, not the file. */
const CLEAN = { clients: [{}, {}, {}] };

describe('a failed send names itself', () => {
  let fixture: SandboxFixture;

  before(async () => {
    fixture = await sandboxFixture({ historyFolder: tempFolder('send-failures') });
  });

  after(async () => {
    fixture?.sandbox.faults.clear();
    await fixture?.stop();
  });

  it('two unfinished sends: Resume is offered for the one that just failed', async () => {
    const reports: ReportedError[] = [];
    const listener = fixture.api.services.reporter.onDidReport((report) => reports.push(report));
    try {
      // First send: the submission is created, its upload refused → unfinished submission A.
      const first = await writeHandWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025_a.xml', CLEAN);
      fixture.sandbox.faults.set({
        failRequests: [{ method: 'PUT', path: '/parts/', status: 503, retryAfterSeconds: 0, times: 50 }],
      });
      assert.equal(await vscode.commands.executeCommand('iplos.sendExtract', first, { confirmed: true }), undefined);
      const afterFirst = await fixture.api.services.history.read();
      const submissionA = afterFirst.submissions.find((record) => record.extract.name === 'IPLOS_0403_2025_a.xml');
      assert.ok(submissionA && submissionA.status !== 'complete', 'send A is unfinished');
      assert.deepEqual(
        reports.find((report) => report.commandId === 'iplos.sendExtract')?.resume,
        { submissionId: submissionA.submissionId },
        'A offers Resume for A',
      );

      // Second send: refused already when the submission is created → only its intent is recorded.
      reports.length = 0;
      const second = await writeHandWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025_b.xml', CLEAN);
      fixture.sandbox.faults.set({
        failRequests: [{ method: 'POST', path: '/api/v1/submissions$', status: 503, retryAfterSeconds: 0, times: 50 }],
      });
      assert.equal(await vscode.commands.executeCommand('iplos.sendExtract', second, { confirmed: true }), undefined);
      const afterSecond = await fixture.api.services.history.read();
      const intentB = afterSecond.pendingIntents.find((intent) => intent.extract.name === 'IPLOS_0403_2025_b.xml');
      assert.ok(intentB, 'send B is recorded as interrupted before its submission was created');
      const offered = reports.find((report) => report.commandId === 'iplos.sendExtract')?.resume;
      assert.deepEqual(offered, { clientReference: intentB.clientReference }, 'B offers Resume for B, not for A');
    } finally {
      listener.dispose();
      fixture.sandbox.faults.clear();
    }
  });
});
