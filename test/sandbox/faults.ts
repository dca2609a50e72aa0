/**
 * Fault injection for tests, set per sandbox instance (`sandbox.faults.set({...})`) or over
 * the loopback admin endpoint `POST /__sandbox/faults`. Each fault fires `times` times
 * (default once) and is then spent.
 */
export interface FaultPlan {
  /** Answer matching requests with this status (500, 503, 429, …), optionally with Retry-After. */
  failRequests?: { method?: string; path: string; status: number; retryAfterSeconds?: number; times?: number }[];
  /** Cut the connection after this many bytes of an IPIS part upload have arrived. */
  dropUploadAfterBytes?: { bytes: number; times?: number };
  /** Cut the connection after this many bytes of a portal download have been sent. */
  dropDownloadAfterBytes?: { bytes: number; times?: number };
  /** Delay matching responses. */
  delay?: { path: string; ms: number; times?: number }[];
  /** Flip one byte in the middle of the next download(s). */
  corruptDownload?: { times?: number };
  /** Report a wrong SHA-1 `hash` in file metadata (until cleared). */
  wrongSha1?: boolean;
  /** Access token lifetime in seconds (default 1200, as SSB's portal is assumed to use). */
  tokenLifetimeSeconds?: number;
  /** These users must change their password at the next sign-in. */
  forcePasswordChange?: string[];
  /** Bad passwords before an account is suspended (default 5). */
  lockoutThreshold?: number;
  /**
   * Answer matching resource requests (path: a regex on the path) with 200 and an HTML login
   * page, as an IIS or firewall page in front of the portal would. Never the token routes.
   */
  htmlPage?: { path: string; times?: number }[];
  /** File details (GET and PATCH /files/{id}) report `hash: null` (until cleared). */
  nullHash?: boolean;
  /**
   * `GET /folders?path=` matches every visible folder, sorted by path (/Home first), at most
   * `perPage` a page (default 2), so that the exact match lies on a later page.
   */
  folderMaskMatchesSeveral?: { perPage?: number };
  /** `/folders/{id}/files` ignores `sortField` (e.g. datetime) and lists by name, oldest name first. */
  ignoreFileSort?: boolean;
  /** `GET /info` needs a token (the Swagger marks it authenticated): without one, this status; `html`: as an HTML page. */
  infoRequiresToken?: { status: 401 | 403; html?: boolean };
  /** The status for an expired or revoked access token on resource endpoints (default 401; Swagger lists only 403). */
  expiredTokenStatus?: 401 | 403;
  /** These users must give a one-time code after the password (`code`, default '246810'; by app and/or e-mail). */
  mfa?: { users: string[]; code?: string; authenticator?: boolean; email?: boolean };
  /** These users must accept the security notice (its text served by /api/v1/info) before signing in. */
  securityNotice?: { users: string[]; label?: string; text?: string };
  /** These users get 412 on the password grant: MFA must first be set up in the web portal. */
  mfaSetupRequired?: string[];
  /** The `password_requirements` sent (and enforced) at a forced password change, per user (snake_case fields). */
  passwordRequirements?: Record<string, Record<string, unknown>>;
}

type Countable = { times?: number };

export class Faults {
  private plan: FaultPlan = {};

  set(plan: FaultPlan): void {
    this.plan = structuredClone(plan);
  }

  merge(plan: FaultPlan): void {
    this.plan = { ...this.plan, ...structuredClone(plan) };
  }

  clear(): void {
    this.plan = {};
  }

  get current(): Readonly<FaultPlan> {
    return this.plan;
  }

  /** The failure to inject for this request, consuming it. */
  takeFailure(method: string, path: string): { status: number; retryAfterSeconds?: number } | undefined {
    const rule = this.plan.failRequests?.find(
      (candidate) =>
        (candidate.method ?? method) === method && new RegExp(candidate.path).test(path) && remaining(candidate),
    );
    if (!rule) return undefined;
    spend(rule);
    return {
      status: rule.status,
      ...(rule.retryAfterSeconds !== undefined ? { retryAfterSeconds: rule.retryAfterSeconds } : {}),
    };
  }

  takeDelay(path: string): number {
    const rule = this.plan.delay?.find((candidate) => new RegExp(candidate.path).test(path) && remaining(candidate));
    if (!rule) return 0;
    spend(rule);
    return rule.ms;
  }

  takeUploadDrop(): number | undefined {
    return this.takeCounted(this.plan.dropUploadAfterBytes)?.bytes;
  }

  takeDownloadDrop(): number | undefined {
    return this.takeCounted(this.plan.dropDownloadAfterBytes)?.bytes;
  }

  /** Whether this request gets the HTML login page (htmlPage), consuming the rule. */
  takeHtmlPage(path: string): boolean {
    if (path.startsWith('/api/v1/token') || !path.startsWith('/api/')) return false;
    const rule = this.plan.htmlPage?.find((candidate) => new RegExp(candidate.path).test(path) && remaining(candidate));
    if (!rule) return false;
    spend(rule);
    return true;
  }

  takeCorruptDownload(): boolean {
    return this.takeCounted(this.plan.corruptDownload) !== undefined;
  }

  private takeCounted<T extends Countable>(rule: T | undefined): T | undefined {
    if (!rule || !remaining(rule)) return undefined;
    spend(rule);
    return rule;
  }
}

function remaining(rule: Countable): boolean {
  return (rule.times ?? 1) > 0;
}

function spend(rule: Countable): void {
  rule.times = (rule.times ?? 1) - 1;
}
