import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { abortError, CancelledError, isCancellation } from '../../../src/core/abort';
import { ArchiveError } from '../../../src/core/archive';
import { SettingsError } from '../../../src/core/config/settings';
import { IplosError } from '../../../src/core/errors';
import { ExtractFileError } from '../../../src/core/extract';
import { SpreadsheetError } from '../../../src/core/feedback';
import { LocalFileError } from '../../../src/core/localFileError';
import { classifyNetworkError, classifyRequestError, NetworkError } from '../../../src/core/net/networkError';
import { withRetry } from '../../../src/core/net/retry';
import { SendFailedError, sendFailed } from '../../../src/core/send/sendFailedError';
import { SubmissionStateError } from '../../../src/core/send/submissionStateError';
import { PasswordChangeRequired, SsbSignInError } from '../../../src/core/ssb/ssbErrors';
import { LETTER_RULES } from '../../../src/core/ssb/passwordRules';
import { PortalLinkError } from '../../../src/core/ssb/portalLinkError';

/** VS Code's CancellationError as vscode defines it (the core cannot import vscode). */
class CancellationError extends Error {
  constructor() {
    super('Canceled');
    this.name = this.message;
  }
}

const URL = 'https://iplos.example/SendemodulTEST';

describe('IplosError', () => {
  it('says what happened, what to do and, for the log, the detail and the cause', () => {
    const cause = new Error('EACCES');
    const error = new IplosError('some-code', 'It broke.', { remedy: 'Fix it.', detail: 'x=1', cause });
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'IplosError');
    assert.equal(error.code, 'some-code');
    assert.equal(error.message, 'It broke.');
    assert.equal(error.remedy, 'Fix it.');
    assert.equal(error.detail, 'x=1');
    assert.equal(error.cause, cause);
    assert.equal(error.userMessage, 'It broke. Fix it.');
  });

  it('has an empty remedy and detail and no cause unless given; userMessage is then the message alone', () => {
    const error = new IplosError('c', 'Only this.');
    assert.equal(error.remedy, '');
    assert.equal(error.detail, '');
    assert.equal(error.cause, undefined);
    assert.equal('cause' in error, false);
    assert.equal(error.userMessage, 'Only this.');
  });

  it('is the shape of every error of the core, each with its code', () => {
    const cases: [IplosError, string, string][] = [
      [new NetworkError('timeout', 'Slow.', 'Try again.', 'ETIMEDOUT'), 'timeout', 'NetworkError'],
      [new ArchiveError('WRONG_KEY', 'Wrong key.'), 'WRONG_KEY', 'ArchiveError'],
      [new SettingsError('No municipality.', 'Add one.'), 'settings', 'SettingsError'],
      [new ExtractFileError('ENOENT', 'Missing.'), 'ENOENT', 'ExtractFileError'],
      [new SpreadsheetError('Not a workbook.'), 'spreadsheet', 'SpreadsheetError'],
      [new LocalFileError('Cannot write.', { remedy: 'Free space.' }), 'disk', 'LocalFileError'],
      [new PortalLinkError('Not a link.', 'Paste it.', 'unparseable'), 'portal-link', 'PortalLinkError'],
      [new SubmissionStateError('Complete.', 'Nothing to do.', 'done'), 'submission-state', 'SubmissionStateError'],
      [new SsbSignInError('http', 'Refused.', 'Check.', 'invalid_grant'), 'http', 'NetworkError'],
      [new PasswordChangeRequired({ ...LETTER_RULES }), 'http', 'NetworkError'],
      [new CancelledError(), 'cancelled', 'AbortError'],
      [new SendFailedError(new Error('boom'), { clientReference: 'r' }), 'send-failed', 'SendFailedError'],
    ];
    for (const [error, code, name] of cases) {
      assert.ok(error instanceof IplosError, name);
      assert.equal(error.code, code, name);
      assert.equal(error.name, name);
    }
  });

  it('a NetworkError keeps its API: kind (= code), status, retryable, Retry-After and userMessage', () => {
    const error = new NetworkError('http', 'Busy.', 'Later.', 'HTTP 503', {
      status: 503,
      retryable: true,
      retryAfterMs: 1000,
    });
    assert.equal(error.kind, 'http');
    assert.equal(error.code, 'http');
    assert.equal(error.status, 503);
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 1000);
    assert.equal(error.remedy, 'Later.');
    assert.equal(error.detail, 'HTTP 503');
    assert.equal(error.userMessage, 'Busy. Later.');
  });
});

describe('CancelledError and isCancellation', () => {
  it('one cancel error: code cancelled, named AbortError (as Node names its aborts), "Cancelled." unless told what', () => {
    const plain = new CancelledError();
    assert.equal(plain.code, 'cancelled');
    assert.equal(plain.name, 'AbortError');
    assert.equal(plain.message, 'Cancelled.');
    const controller = new AbortController();
    controller.abort(new CancellationError());
    const told = abortError('The extract check was cancelled.', controller.signal);
    assert.ok(told instanceof CancelledError);
    assert.equal(told.message, 'The extract check was cancelled.');
    assert.ok(told.cause instanceof CancellationError, "the signal's reason is the cause");
  });

  it('recognises every shape a cancel comes in', async () => {
    const nodeAbort = await sleep(1000, undefined, { signal: AbortSignal.abort() }).catch((error: unknown) => error);
    assert.equal((nodeAbort as NodeJS.ErrnoException).code, 'ABORT_ERR', "Node's own abort");
    const domAbort: unknown = AbortSignal.abort().reason;
    assert.equal((domAbort as Error).name, 'AbortError', "the DOM's AbortError");
    const shapes: [string, unknown][] = [
      ['CancelledError', new CancelledError()],
      ["Node's AbortError (ABORT_ERR)", nodeAbort],
      ['DOMException AbortError', domAbort],
      ['any error named AbortError', Object.assign(new Error('stop'), { name: 'AbortError' })],
      ['code ABORT_ERR alone', Object.assign(new Error('stop'), { code: 'ABORT_ERR' })],
      ["VS Code's CancellationError", new CancellationError()],
      ['a failed send whose cause is a cancel', new SendFailedError(new CancelledError(), { clientReference: 'r' })],
      ['a failed send cut by a raw abort', new SendFailedError(domAbort, { clientReference: 'r', submissionId: 's' })],
    ];
    for (const [what, error] of shapes) assert.equal(isCancellation(error), true, what);
  });

  it('nothing else is a cancel: failures, time-outs, and values that are not errors', () => {
    const others: [string, unknown][] = [
      ['a plain Error', new Error('Cancelled.')],
      ['a NetworkError', new NetworkError('timeout', 'Slow.', '', '')],
      ['an ArchiveError', new ArchiveError('CORRUPT', 'Damaged.')],
      [
        'a failed send of a network error',
        new SendFailedError(new NetworkError('http', 'Busy.', '', ''), { clientReference: 'r' }),
      ],
      ['a TimeoutError', new DOMException('timed out', 'TimeoutError')],
      ['undefined', undefined],
      ['null', null],
      ['the string AbortError', 'AbortError'],
      ['an IplosError that only has the name', Object.assign(new IplosError('x', 'y'), { name: 'AbortError' })],
    ];
    for (const [what, error] of others) assert.equal(isCancellation(error), false, what);
  });
});

describe('SendFailedError', () => {
  it('copies code, message, remedy and detail from an IplosError cause, and names the send', () => {
    const cause = new NetworkError('http', 'The send module answered 503.', 'Try again later.', 'HTTP 503 from …', {
      status: 503,
    });
    const error = new SendFailedError(cause, { clientReference: 'ref-1', submissionId: 'sub-1' });
    assert.ok(error instanceof IplosError);
    assert.equal(error.code, 'http');
    assert.equal(error.message, cause.message);
    assert.equal(error.remedy, cause.remedy);
    assert.equal(error.detail, cause.detail);
    assert.equal(error.userMessage, cause.userMessage);
    assert.equal(error.cause, cause);
    assert.equal(error.clientReference, 'ref-1');
    assert.equal(error.submissionId, 'sub-1');
  });

  it('without a recorded submission it has only the client reference', () => {
    const error = new SendFailedError(new SettingsError('Bad.', 'Fix.'), { clientReference: 'ref-2' });
    assert.equal(error.submissionId, undefined);
    assert.equal(error.clientReference, 'ref-2');
    assert.equal(error.code, 'settings');
    assert.equal(error.userMessage, 'Bad. Fix.');
  });

  it('a cause of another kind: its message, no remedy, its name and message as the detail; a raw cancel reads as one', () => {
    const cause = new TypeError('Not a valid history event (x).');
    const error = new SendFailedError(cause, { clientReference: 'r' });
    assert.equal(error.code, 'send-failed');
    assert.equal(error.message, 'Not a valid history event (x).');
    assert.equal(error.remedy, '');
    assert.equal(error.detail, 'TypeError: Not a valid history event (x).');
    assert.equal(error.cause, cause);

    const cancelled = new SendFailedError(new CancellationError(), { clientReference: 'r' });
    assert.equal(cancelled.code, 'cancelled');
    assert.equal(cancelled.message, 'Cancelled.');
    assert.equal(cancelled.detail, 'Canceled: Canceled');

    const odd = new SendFailedError('just a string', { clientReference: 'r' });
    assert.equal(odd.message, 'just a string');
  });

  it('sendFailed wraps once: an inner failure already names the send', () => {
    const inner = new SendFailedError(new CancelledError(), { clientReference: 'r', submissionId: 's' });
    assert.equal(sendFailed(inner, { clientReference: 'other' }), inner);
    const wrapped = sendFailed(new CancelledError(), { clientReference: 'r' });
    assert.ok(wrapped instanceof SendFailedError);
    assert.ok(wrapped.cause instanceof CancelledError);
  });
});

describe('network errors only for the network', () => {
  it("a request's abort is a CancelledError, whatever the reason looks like; a refused proxy tunnel is not", () => {
    const controller = new AbortController();
    controller.abort(new CancellationError());
    const bySignal = classifyRequestError(new CancellationError(), URL, controller.signal);
    assert.ok(bySignal instanceof CancelledError);
    assert.match(bySignal.detail, /^aborted: Canceled/);
    const reported = classifyRequestError(Object.assign(new Error('aborted'), { code: 'UND_ERR_ABORTED' }), URL);
    assert.ok(reported instanceof CancelledError);
    const proxy = classifyRequestError(
      Object.assign(new Error('Proxy response (403) !== 200 when HTTP Tunneling'), { name: 'AbortError' }),
      URL,
    );
    assert.ok(proxy instanceof NetworkError);
    assert.equal(proxy.kind, 'proxy');
    const reset = classifyRequestError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), URL);
    assert.ok(reset instanceof NetworkError);
    assert.equal(reset.kind, 'connection-reset');
    const already = new CancelledError();
    assert.equal(classifyRequestError(already, URL), already);
  });

  it('classifyNetworkError says what the network did: never a cancel; an unusable setting is its configuration', () => {
    const abort = classifyNetworkError(Object.assign(new Error('stop'), { name: 'AbortError' }), URL);
    assert.ok(abort instanceof NetworkError);
    assert.notEqual(abort.code, 'cancelled');
    const setting = new SettingsError('The IPIS test address is not a valid URL.', 'Check the setting.', {
      detail: 'unparseable ipisTestUrl',
    });
    const configuration = classifyNetworkError(setting, URL);
    assert.equal(configuration.kind, 'configuration');
    assert.equal(configuration.message, setting.message);
    assert.equal(configuration.remedy, setting.remedy);
    assert.equal(configuration.detail, setting.detail);
    assert.equal(configuration.cause, setting);
  });

  it('withRetry never retries a cancel, and a cancel while waiting is a CancelledError', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw new CancelledError();
        },
        { baseDelayMs: 1 },
      ),
      CancelledError,
    );
    assert.equal(calls, 1);

    const controller = new AbortController();
    controller.abort(new CancellationError());
    await assert.rejects(
      withRetry(async () => 'never', { signal: controller.signal }),
      (error: unknown) => {
        assert.ok(error instanceof CancelledError);
        assert.ok(error.cause instanceof CancellationError);
        return true;
      },
    );

    const waiting = new AbortController();
    const busy = new NetworkError('http', 'Busy.', '', '', { retryable: true, retryAfterMs: 60_000 });
    const run = withRetry(
      async () => {
        throw busy;
      },
      { signal: waiting.signal, onRetry: () => setImmediate(() => waiting.abort(new CancellationError())) },
    );
    await assert.rejects(run, CancelledError);
  });
});
