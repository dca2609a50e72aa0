/**
 * Bearer tokens as the portal issues them: an access token that expires after the
 * configured lifetime and a refresh token that is rotated on every use and expires with the
 * access token (it "must be submitted within the allowed expiration period", S1). Revoking
 * either ends the session. Also the short-lived `mfa_access_token` of an MFA sign-in.
 */
import { randomBytes } from 'node:crypto';

interface Session {
  username: string;
  access: string;
  refresh: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
}

const MFA_LIFETIME_MS = 5 * 60 * 1000;

export interface PendingMfa {
  username: string;
  /** A new password to apply once the code is right (a forced change before MFA). */
  newPassword?: string;
  expiresAt: number;
}

export class TokenStore {
  private readonly byAccess = new Map<string, Session>();
  private readonly byRefresh = new Map<string, Session>();
  private readonly mfa = new Map<string, PendingMfa>();
  private readonly everIssued = new Set<string>();

  issue(
    username: string,
    lifetimeSeconds: number,
  ): { access_token: string; token_type: 'bearer'; expires_in: number; refresh_token: string } {
    const session: Session = {
      username,
      access: token(),
      refresh: token(),
      accessExpiresAt: Date.now() + lifetimeSeconds * 1000,
      // A real client treats the refresh token as expired with the access token.
      refreshExpiresAt: Date.now() + lifetimeSeconds * 1000,
    };
    this.byAccess.set(session.access, session);
    this.everIssued.add(session.access);
    this.byRefresh.set(session.refresh, session);
    return {
      access_token: session.access,
      token_type: 'bearer',
      expires_in: lifetimeSeconds,
      refresh_token: session.refresh,
    };
  }

  /** An `mfa_access_token` for a sign-in waiting for its one-time code (or the notice). */
  issueMfa(username: string, newPassword?: string): string {
    const value = randomBytes(24).toString('base64url');
    this.mfa.set(value, {
      username,
      ...(newPassword !== undefined ? { newPassword } : {}),
      expiresAt: Date.now() + MFA_LIFETIME_MS,
    });
    return value;
  }

  /** The waiting sign-in of an `mfa_access_token`; `consume` ends it (a code is tried once). */
  pendingMfa(value: string, consume: boolean): PendingMfa | undefined {
    const pending = this.mfa.get(value);
    if (!pending || pending.expiresAt <= Date.now()) return undefined;
    if (consume) this.mfa.delete(value);
    return pending;
  }

  /** Whether this was an access token once (revoked or expired): a server may answer it with 403. */
  wasIssued(access: string): boolean {
    return this.everIssued.has(access);
  }

  /** The user of a valid, unexpired access token. */
  userOf(access: string): string | undefined {
    const session = this.byAccess.get(access);
    return session && session.accessExpiresAt > Date.now() ? session.username : undefined;
  }

  /** Exchanges a refresh token (once) for a new pair; undefined when unknown, used or expired. */
  refresh(refresh: string, lifetimeSeconds: number): ReturnType<TokenStore['issue']> | undefined {
    const session = this.byRefresh.get(refresh);
    if (!session || session.refreshExpiresAt <= Date.now()) return undefined;
    this.end(session);
    return this.issue(session.username, lifetimeSeconds);
  }

  /** Revokes the session the token belongs to; true when it was known. */
  revoke(tokenValue: string): boolean {
    const session = this.byAccess.get(tokenValue) ?? this.byRefresh.get(tokenValue);
    if (!session) return false;
    this.end(session);
    return true;
  }

  revokeAllOf(username: string): void {
    for (const session of [...this.byAccess.values()]) if (session.username === username) this.end(session);
  }

  private end(session: Session): void {
    this.byAccess.delete(session.access);
    this.byRefresh.delete(session.refresh);
  }
}

/** MOVEit tokens look like opaque base64 strings of a few hundred bytes. */
function token(): string {
  return `X03w${randomBytes(180).toString('base64').replace(/[+/=]/g, '')}`;
}
