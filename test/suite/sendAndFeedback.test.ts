import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { FeedbackDocument } from '../../src/extension/feedback/feedbackDocument';
import { HAMAR, sandboxFixture, tempFolder, waitFor, writeWorkspaceExtract, type SandboxFixture } from './sandboxSetup';

// The routine in the extension against the sandbox: send an extract, see it in the
// history, sign in to SSB, see the new feedback (badge), download it into the workspace.
describe('send extract and download feedback', () => {
  let fixture: SandboxFixture;
  let historyFolder: string;
  let submissionId: string;

  before(async () => {
    historyFolder = tempFolder('send');
    fixture = await sandboxFixture({ historyFolder });
  });

  after(async () => {
    await fixture?.stop();
  });

  it('"IPLOS: Send extract" checks, encrypts and sends; the receipt lands in the history view', async () => {
    const { uri, summary } = await writeWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025.xml', {
      clients: 60,
      errors: 6,
    });
    // The planted errors are for SSB's feedback below: the local control finds them, and the officer sends anyway.
    fixture.questions.answer({ errors: 'send' });
    const result = (await vscode.commands.executeCommand('iplos.sendExtract', uri, { confirmed: true })) as
      { submissionId: string; receipt: { receiptId: string } } | undefined;
    assert.ok(result, 'the send returned a receipt (see the IPLOS log if not)');
    assert.ok(
      (fixture.questions.errors.at(-1)?.errors ?? 0) >= 4,
      'asked about the planted errors (T01, T02, T03, F01)',
    );
    submissionId = result.submissionId;
    const onServer = [...fixture.sandbox.submissions.submissions.values()];
    assert.equal(onServer.length, 1, 'exactly one submission on the server');
    assert.equal(onServer[0]?.municipality, HAMAR.number);
    assert.ok(summary.planted.length >= 6);

    const view = fixture.api.views.history;
    const years = await view.getChildren();
    assert.equal(years[0]?.label, '2025');
    const submissions = await view.getChildren(years[0]);
    const row = submissions.find((node) => node.id === `submission:${submissionId}`);
    assert.ok(row, 'the submission is listed under its year');
    assert.match(String(row.contextValue), /^submission\.complete/);
    assert.match(String(row.description), /test · sent \d\d\.\d\d\.\d{4}/, 'Norwegian date');
    // A screen reader hears the state in words, not the icon's colour (issue 17).
    assert.match(String(row.accessibilityInformation?.label), /, test, sent \d\d\.\d\d\.\d{4}/);
    const parts = await view.getChildren(row);
    assert.ok(parts.length >= 1);
    assert.match(String(parts.at(-1)?.tooltip), /SHA-256: [0-9a-f]{64}/);
    assert.match(String(parts.at(-1)?.accessibilityInformation?.label), /, received$/);
    // Encrypted copies are removed once the receipt is in; nothing plaintext is left beside the history.
    assert.deepEqual(readdirSync(join(historyFolder, 'outgoing')), []);

    const receipt = (await vscode.commands.executeCommand('iplos.history.copyReceipt', row)) as string;
    assert.match(receipt, new RegExp(result.receipt.receiptId));
    const csv = vscode.Uri.joinPath(fixture.workspace, 'historikk.csv');
    await vscode.commands.executeCommand('iplos.history.exportCsv', csv);
    const text = readFileSync(csv.fsPath, 'utf8');
    assert.match(text, /^\uFEFFyear;municipality;/);
    assert.match(text, new RegExp(`2025;0403;00;test;.*;complete;${result.receipt.receiptId}`));
  });

  it('an extract for another municipality is refused before anything is sent, with the problem in the Problems panel', async () => {
    const { uri } = await writeWorkspaceExtract(fixture.workspace, 'IPLOS_5001_2025.xml', {
      municipality: '5001',
      clients: 5,
      errors: 0,
    });
    const before = fixture.sandbox.submissions.submissions.size;
    fixture.questions.answer({});
    const result = await vscode.commands.executeCommand('iplos.sendExtract', uri, { confirmed: true });
    assert.equal(result, undefined);
    assert.equal(fixture.sandbox.submissions.submissions.size, before, 'nothing was sent');
    // The fatal gate K01: only its finding (the other rules did not run).
    const diagnostics = vscode.languages.getDiagnostics(uri);
    assert.equal(diagnostics.length, 1);
    assert.equal((diagnostics[0]?.code as { value: string } | undefined)?.value, 'K01');
    assert.equal(diagnostics[0]?.severity, vscode.DiagnosticSeverity.Error);
    assert.ok((diagnostics[0]?.range.start.line ?? -1) >= 0);
  });

  it('a send to an unreachable send module fails clearly and resumes later without a second submission', async () => {
    const config = vscode.workspace.getConfiguration('iplos');
    const { uri } = await writeWorkspaceExtract(fixture.workspace, 'IPLOS_0403_2025_b.xml', { clients: 20, errors: 1 });
    fixture.questions.answer({ errors: 'send' });
    const before = fixture.sandbox.submissions.submissions.size;
    // Upload refused with 503 more often than the retries allow: the send stops after the create.
    fixture.sandbox.faults.set({
      failRequests: [{ method: 'PUT', path: '/parts/', status: 503, retryAfterSeconds: 0, times: 50 }],
    });
    let failed: { submissionId: string } | undefined;
    try {
      const result = await vscode.commands.executeCommand('iplos.sendExtract', uri, { confirmed: true });
      assert.equal(result, undefined, 'the send failed');
      const history = await fixture.api.services.history.read();
      failed = history.submissions.find((record) => record.status !== 'complete');
      assert.ok(failed, 'the unfinished send is in the history');
    } finally {
      fixture.sandbox.faults.clear();
      await config.update('endpoints.ipisTestUrl', fixture.sandbox.info.ipisTestUrl, vscode.ConfigurationTarget.Global);
    }
    const resumed = (await vscode.commands.executeCommand('iplos.resumeSend', {
      submissionId: failed.submissionId,
    })) as { submissionId: string } | undefined;
    assert.equal(resumed?.submissionId, failed.submissionId, 'the same submission completed');
    assert.equal(fixture.sandbox.submissions.submissions.size, before + 1, 'one submission for this send, not two');
    const history = await fixture.api.services.history.read();
    assert.equal(
      history.submissions.find((record) => record.submissionId === failed?.submissionId)?.status,
      'complete',
    );
  });

  it("SSB's portal down: signing in fails with a clear error and no session", async () => {
    const config = vscode.workspace.getConfiguration('iplos');
    await config.update('endpoints.ssbUrl', 'https://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    try {
      assert.equal(await vscode.commands.executeCommand('iplos.signIn'), false);
      assert.equal(fixture.api.services.ssb.current, undefined);
    } finally {
      await config.update('endpoints.ssbUrl', fixture.sandbox.info.ssbUrl, vscode.ConfigurationTarget.Global);
    }
  });

  it('signed out, the SSB view is empty (welcome content); a wrong password is tried exactly once', async () => {
    const { ssb, secrets } = fixture.api.services;
    const ssbView = fixture.api.views.ssb;
    await ssb.signOut();
    assert.deepEqual(await ssbView.getChildren(), []);
    await secrets.store(HAMAR, 'ssbPassword', 'Feil-passord-1');
    const tokenRequests = (): number =>
      fixture.sandbox.requests.filter(
        (request) => request.path.startsWith('/api/v1/token') && request.method === 'POST',
      ).length;
    const before = tokenRequests();
    const signedIn = await vscode.commands.executeCommand('iplos.signIn');
    assert.equal(signedIn, false);
    assert.equal(tokenRequests() - before, 1, 'one token request, no retry (SSB suspends accounts)');
    assert.equal(ssb.current, undefined);
    const demo = fixture.sandbox.info.municipalities.find((municipality) => municipality.number === HAMAR.number);
    await secrets.store(HAMAR, 'ssbPassword', demo?.password ?? '');
  });

  it('signed in, the SSB view shows the feedback folder and the new feedback file with a badge', async () => {
    await fixture.sandbox.waitForFeedback(HAMAR.number, { submissionId, timeoutMs: 30_000 });
    const signedIn = await vscode.commands.executeCommand('iplos.signIn');
    assert.equal(signedIn, true);
    const { poller } = fixture.api.services;
    const ssbView = fixture.api.views.ssb;
    const fresh = await poller.poll();
    assert.ok(fresh.length >= 1, 'new feedback is found');
    assert.equal(ssbView.view.badge?.value, fresh.length);
    const [home] = await ssbView.getChildren();
    assert.equal(home?.label, 'IPLOS folder at SSB');
    assert.equal(home?.description, `/Home/Ekstern/iplos/${HAMAR.ssbUsername}`);
    const folders = await ssbView.getChildren(home);
    const frassb = folders.find((node) => node.label === 'frassb');
    assert.ok(frassb, `frassb is listed (${folders.map((node) => String(node.label)).join(', ')})`);
    assert.equal(frassb.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the feedback folder is open');
    const files = await ssbView.getChildren(frassb);
    const file = files.find((node) => String(node.label).startsWith('040300_iplos_2025_test'));
    assert.ok(file, 'the feedback file is listed');
    assert.equal(file.contextValue, 'ssbFile.new');
    assert.match(String(file.description), /kB · \d\d\.\d\d\.\d{4}/);
    assert.equal(ssbView.provideFileDecoration(file.resourceUri as vscode.Uri)?.badge, 'N');
    // "New" is a badge letter on screen; in words for a screen reader and in the view's title.
    assert.match(String(file.accessibilityInformation?.label), /^040300_iplos_2025_test[^,]*, new, /);
    assert.match(String(ssbView.view.description), /new file\(s\) from SSB/);
  });

  it('"Download feedback" verifies, decrypts into IPLOS/2025/tilbakemelding, marks it read and records it', async () => {
    const { history } = fixture.api.services;
    const ssbView = fixture.api.views.ssb;
    const [home] = await ssbView.getChildren();
    const frassb = (await ssbView.getChildren(home)).find((node) => node.label === 'frassb');
    const file = (await ssbView.getChildren(frassb)).find((node) =>
      String(node.label).startsWith('040300_iplos_2025_test'),
    );
    const results = (await vscode.commands.executeCommand('iplos.downloadFeedback', file)) as {
      folder: string;
      files: string[];
      zipPath: string;
    }[];
    assert.equal(results.length, 1);
    const expected = join(fixture.workspace.fsPath, 'IPLOS', '2025', 'tilbakemelding');
    assert.equal(results[0]?.folder.startsWith(expected), true, results[0]?.folder);
    const decrypted = readdirSync(results[0]?.folder ?? '');
    assert.ok(
      decrypted.some((name) => /feil/i.test(name)),
      decrypted.join(', '),
    );
    assert.ok(!readdirSync(expected).some((name) => name.endsWith('.part')), 'no partial download left');
    assert.ok(existsSync(results[0]?.zipPath ?? ''), 'the verified zip is kept (it is encrypted)');
    const onPortal = [...fixture.sandbox.portal.files.values()].find((candidate) =>
      candidate.name.startsWith('040300_iplos_2025_test'),
    );
    assert.equal(onPortal?.isNew, false, 'marked read on the portal');
    const feedback = (await history.read()).feedback;
    assert.equal(feedback.at(-1)?.decryptedTo, results[0]?.folder);
    // The history links the feedback to the submission it answers: the newest one of that
    // municipality, year and environment before the download (the resumed send here).
    const [year] = await fixture.api.views.history.getChildren();
    const rows = await fixture.api.views.history.getChildren(year);
    assert.match(
      String(rows[0]?.contextValue),
      /^submission\.complete\.feedback$/,
      'the newest submission has the feedback',
    );
    assert.ok(
      rows.slice(1).every((row) => !/\.feedback$/.test(String(row.contextValue))),
      'older ones do not',
    );
    // The spoken label has the latest round's counts, as the description shows them.
    assert.match(String(rows[0]?.accessibilityInformation?.label), /, \d+ error\(s\), \d+ warning\(s\)/);
    const children = await fixture.api.views.history.getChildren(rows[0]);
    assert.equal(children[0]?.contextValue, 'feedback.decrypted');
    assert.match(
      String(children[0]?.accessibilityInformation?.label),
      /feedback, downloaded .*, decrypted, \d+ error\(s\), \d+ warning\(s\)$/,
    );
    await waitFor('the badge to clear', () => (ssbView.view.badge === undefined ? true : undefined));
  });

  it('the feedback viewer opens on the download and puts the errors it locates in the extract into the Problems panel', async () => {
    const { feedbackPanels, history } = fixture.api.services;
    const download = (await history.read()).feedback.at(-1);
    const folder = download?.decryptedTo;
    assert.ok(folder);
    assert.ok(feedbackPanels.panelFor(folder), 'the viewer opened after the download');
    const extract = (await history.read()).submissions.filter((record) => record.status === 'complete').at(-1)
      ?.extract.path;
    assert.ok(extract);
    // SSB's errors; the local control's findings from the send are on the same file, in their own collection.
    const fromSsb = () =>
      vscode.languages
        .getDiagnostics(vscode.Uri.file(extract))
        .filter((diagnostic) => diagnostic.source === 'SSB feedback');
    const diagnostics = await waitFor('errors on the extract', () => {
      const found = fromSsb();
      return found.length > 0 ? found : undefined;
    });
    const lines = readFileSync(extract, 'utf8').split('\n');
    for (const diagnostic of diagnostics) {
      const text = lines[diagnostic.range.start.line] ?? '';
      // On the attribute the row names (issue 16), else on the element: `<Bruker`, `<Tjeneste`, `<Vurdering`.
      assert.match(
        text.slice(diagnostic.range.start.character),
        /^(<(Bruker|Tjeneste|Vurdering)\b|[A-Za-z]+=")/,
        `diagnostic at ${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`,
      );
      assert.equal(diagnostic.source, 'SSB feedback');
      assert.match(String(diagnostic.code), /^[A-Z]\d\d$/);
    }

    // Go to record from a row that names a service type and a variable, on a client with
    // several services: the editor selects that attribute of that client's service of that type.
    const document = feedbackPanels.documentFor(folder) as FeedbackDocument;
    const rows = (document.set?.files ?? []).flatMap((file, fileIndex) =>
      file.kind === 'error-list'
        ? file.errors.filter((row) => row.serviceType !== '' && row.variable !== '').map((row) => ({ fileIndex, row }))
        : [],
    );
    const clientOf = (brukerNr: string): string[] => {
      const start = lines.findIndex((line) => line.includes(`brukerNr="${brukerNr}"`));
      const end = lines.findIndex((line, index) => index > start && line.includes('</Bruker>'));
      return lines.slice(start, end);
    };
    const chosen = rows.find(
      ({ row }) => clientOf(row.brukerNr).filter((line) => line.includes('<Tjeneste')).length >= 2,
    );
    assert.ok(
      chosen,
      `an error row naming a service and a variable on a client with several services (${rows.length} with a service)`,
    );
    await document.goToRecord(chosen.fileIndex, chosen.row.row);
    const editor = await waitFor('the extract in an editor', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === extract ? vscode.window.activeTextEditor : undefined,
    );
    const selected = editor.document.lineAt(editor.selection.start.line).text;
    assert.equal(editor.document.getText(editor.selection), chosen.row.variable, 'the attribute is selected');
    assert.match(selected, new RegExp(`<Tjeneste\\b[^>]*tjenesteType="${chosen.row.serviceType}"`), selected);
    const clientLine = lines.findIndex((line) => line.includes(`brukerNr="${chosen.row.brukerNr}"`));
    assert.ok(editor.selection.start.line > clientLine, 'below the client, inside its record');
    assert.ok(
      diagnostics.some((diagnostic) => diagnostic.range.isEqual(editor.selection)),
      'the Problems panel has the same range',
    );

    // Closing the viewer clears its errors from the Problems panel.
    feedbackPanels.panelFor(folder)?.dispose();
    await waitFor('the errors to clear', () => (fromSsb().length === 0 ? true : undefined));
  });

  it('a notification link from the e-mail leads to the file', async () => {
    const onPortal = [...fixture.sandbox.portal.files.values()].find((candidate) =>
      candidate.name.startsWith('040300_iplos_2025_test'),
    );
    assert.ok(onPortal);
    const link = `${fixture.sandbox.info.ssbUrl}/human.aspx?OrgID=5281&Arg06=${onPortal.folderId}&Arg07=${onPortal.id}&Arg12=fileview`;
    const details = (await vscode.commands.executeCommand('iplos.ssb.revealLink', link)) as
      { id: string; name: string } | undefined;
    assert.equal(details?.id, onPortal.id);
    assert.equal(
      fixture.api.views.ssb.view.selection[0]?.id,
      `file:${onPortal.id}`,
      'the file is selected in the SSB view',
    );
  });

  it('"Mark as unread" and "Mark as read" change the file on the portal', async () => {
    const onPortal = [...fixture.sandbox.portal.files.values()].find((candidate) =>
      candidate.name.startsWith('040300_iplos_2025_test'),
    );
    assert.ok(onPortal);
    const details = await fixture.api.services.ssb.current?.portal.fileDetails(onPortal.id);
    await vscode.commands.executeCommand('iplos.ssb.markUnread', details);
    assert.equal(fixture.sandbox.portal.files.get(onPortal.id)?.isNew, true);
    await vscode.commands.executeCommand('iplos.ssb.markRead', details);
    assert.equal(fixture.sandbox.portal.files.get(onPortal.id)?.isNew, false);
  });

  it('the poller looks in frassb only, and announces a file again once it is marked unread (isNew set again)', async () => {
    const { poller } = fixture.api.services;
    const portal = fixture.sandbox.portal;
    const announced: string[] = [];
    const listening = poller.onDidFindFeedback((files) => announced.push(...files.map((file) => file.id)));
    try {
      const onPortal = [...portal.files.values()].find((candidate) =>
        candidate.name.startsWith('040300_iplos_2025_test'),
      );
      assert.ok(onPortal);
      onPortal.isNew = false;
      const tilssb = portal.folderByPath(`/Home/Ekstern/iplos/${HAMAR.ssbUsername}/tilssb`);
      assert.ok(tilssb);
      const stray = await portal.addFile(tilssb.id, 'kvittering.txt', Buffer.from('x'), {
        username: HAMAR.ssbUsername ?? '',
        fullName: 'Hamar',
      });
      // A poll already under way may have started before the change: the second call is a fresh one.
      const pollAfterChange = async () => {
        await poller.poll();
        return poller.poll();
      };
      assert.ok(
        !(await pollAfterChange()).some((file) => file.id === stray.id),
        'a new file in tilssb is not feedback',
      );
      announced.length = 0; // whatever else was new in frassb before
      onPortal.isNew = true; // marked unread again on the portal
      await pollAfterChange();
      assert.deepEqual(announced, [onPortal.id], 'announced again');
      await pollAfterChange();
      assert.deepEqual(announced, [onPortal.id], 'but only once while it stays new');
      onPortal.isNew = false;
      await portal.deleteFile(stray.id);
    } finally {
      listening.dispose();
    }
  });

  it('"Sign out of SSB" revokes the session and empties the view', async () => {
    await vscode.commands.executeCommand('iplos.signOut');
    assert.equal(fixture.api.services.ssb.current, undefined);
    assert.deepEqual(await fixture.api.views.ssb.getChildren(), []);
  });
});
