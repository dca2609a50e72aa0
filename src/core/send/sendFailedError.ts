/**
 * A send that failed (or was cancelled) after it was recorded in the history: it names that
 * very send, so the host offers Resume for it and not for whichever unfinished send happens
 * to be the latest. `clientReference` is always known once the intent is recorded;
 * `submissionId` once the submission's creation is recorded too (resumeSend takes either).
 * Code, message, remedy and detail are the cause's, so it reads as what actually went wrong;
 * isCancellation sees a cancel through it (its code is then 'cancelled').
 */
import { isCancellation } from '../abort';
import { IplosError } from '../errors';
import { msg } from '../i18n';

export interface RecordedSend {
  clientReference: string;
  submissionId?: string;
}

export class SendFailedError extends IplosError {
  override readonly name = 'SendFailedError';
  readonly clientReference: string;
  readonly submissionId?: string;

  constructor(cause: unknown, send: RecordedSend) {
    const copied = copyOf(cause);
    super(copied.code, copied.message, { remedy: copied.remedy, detail: copied.detail, cause });
    this.clientReference = send.clientReference;
    if (send.submissionId !== undefined) this.submissionId = send.submissionId;
  }
}

/** The failure of a recorded send as a SendFailedError (once: an inner one already names the send). */
export function sendFailed(error: unknown, send: RecordedSend): SendFailedError {
  return error instanceof SendFailedError ? error : new SendFailedError(error, send);
}

/** An IplosError's own words; a cancel of another shape as the core's; anything else as it said. */
function copyOf(cause: unknown): { code: string; message: string; remedy: string; detail: string } {
  if (cause instanceof IplosError)
    return { code: cause.code, message: cause.message, remedy: cause.remedy, detail: cause.detail };
  const said = cause instanceof Error ? cause.message : String(cause);
  const detail = cause instanceof Error ? `${cause.name}: ${said}` : said;
  if (isCancellation(cause)) return { code: 'cancelled', message: msg('Cancelled.'), remedy: '', detail };
  return { code: 'send-failed', message: said, remedy: '', detail };
}
