/**
 * The one shape of every failure the core reports, so a host never has to guess:
 * - `code`: stable, for tests and programs (a NetworkError's kind, an ArchiveError's code…);
 * - `message`: what happened, for the user (made with msg, so the host may translate it);
 * - `remedy`: what to do about it, for the user ('' when the message already says it);
 * - `detail`: technical, English, for the log only;
 * - `cause`: the error underneath, if any.
 * None of them ever holds a secret. Subclasses add what a caller needs more (a failed send
 * carries its submission id, a network error whether it is worth retrying).
 */
export interface IplosErrorOptions {
  remedy?: string;
  detail?: string;
  cause?: unknown;
}

export class IplosError extends Error {
  override readonly name: string = 'IplosError';
  readonly remedy: string;
  readonly detail: string;

  constructor(
    readonly code: string,
    message: string,
    options: IplosErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.remedy = options.remedy ?? '';
    this.detail = options.detail ?? '';
  }

  /** "What happened. What to do." — one line for a notification or the CLI. */
  get userMessage(): string {
    return `${this.message} ${this.remedy}`.trim();
  }
}
