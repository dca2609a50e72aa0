/**
 * SSB's portal (or something in front of it) answered, but not with what the MOVEit REST API
 * documents (shared/docs/moveit-rest-api.md §2): an HTML page with status 200 (an IIS or
 * firewall login page), JSON without the fields a model must have, or a file without the
 * SHA-1 that lets a download be verified. Named by the request, status and content type, so
 * that IT can tell a proxy from the portal.
 */
import { msg } from '../i18n';
import { NetworkError } from '../net/networkError';

/** What a response was: for the message and the log. */
export interface ResponseContext {
  /** e.g. `GET /api/v1/folders` (no query string: it may name the user). */
  request: string;
  status: number;
  contentType: string;
}

export class UnexpectedResponseError extends NetworkError {
  override readonly name = 'UnexpectedResponseError';

  constructor(
    readonly context: ResponseContext,
    /** What was wrong, for the log (a field name and the kind found; never the body). */
    readonly problem: string,
  ) {
    super(
      'unexpected-response',
      msg(
        "SSB's portal gave an answer that is not what its API documents (HTTP {0}, {1}, for {2}).",
        context.status,
        context.contentType || msg('no content type'),
        context.request,
      ),
      msg(
        "A proxy or login page may be answering instead of SSB's portal; check the SSB address (https://filsluse.ssb.no) and the proxy settings. If they are right, try again later or tell SSB (iplos@ssb.no).",
      ),
      `${context.request} → HTTP ${context.status} ${context.contentType || '(no content type)'}: ${problem}`,
      { status: context.status },
    );
  }
}

/**
 * A file whose details carry no usable SHA-1 (`hash` null, missing or not a SHA-1): the
 * download could not be verified, so it is not downloaded (see requireVerifiable).
 */
export class UnverifiableFileError extends NetworkError {
  override readonly name = 'UnverifiableFileError';

  constructor(
    readonly fileId: string,
    readonly fileName: string,
    reported: string,
  ) {
    super(
      'integrity',
      msg('SSB\'s portal gives no checksum (SHA-1) for "{0}", so its download cannot be verified.', fileName),
      msg(
        'Nothing was downloaded. Try again later; if it persists, tell SSB (iplos@ssb.no) that the file has no checksum on the portal.',
      ),
      `file ${fileId}: hash ${reported ? `"${reported.slice(0, 60)}" is not a SHA-1` : 'is null or missing'}`,
    );
  }
}

/**
 * `GET /info` answered 401 or 403: the Swagger marks it authenticated, so a portal may want
 * a token for it. The portal is reachable; whether it looks like MOVEit (a JSON error body)
 * or like something in front of it (an HTML page) is told by `answeredAsPortal`.
 */
export class PortalInfoNeedsSignIn extends NetworkError {
  override readonly name = 'PortalInfoNeedsSignIn';
  readonly answeredAsPortal: boolean;

  constructor(
    readonly context: ResponseContext,
    body: string,
  ) {
    super(
      'http',
      msg("SSB's portal answers, but tells about itself only to a signed-in user (HTTP {0}).", context.status),
      msg('Signing in shows whether the password works.'),
      `${context.request} → HTTP ${context.status} ${context.contentType || '(no content type)'} without a token`,
      { status: context.status },
    );
    this.answeredAsPortal = /json/i.test(context.contentType) && !body.trimStart().startsWith('<');
  }
}
