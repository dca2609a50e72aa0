/**
 * Bearer tokens as the portal issues them: an access token that expires after the
 * configured lifetime and a refresh token that is rotated on every use. Revoking either
 * ends the session.
 */
import { randomBytes } from 'node:crypto';

interface Session {
  username: string;
  access: string;
  refresh: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
}

const REFRESH_LIFETIME_MS = 8 * 60 * 60 * 1000;

export class TokenStore {
  private readonly byAccess = new Map<string, Session>();
  private readonly byRefresh = new Map<string, Session>();

  issue(
    username: string,
    lifetimeSeconds: number,
  ): { access_token: string; token_type: 'bearer'; expires_in: number; refresh_token: string } {
    const session: Session = {
      username,
      access: token(),
      refresh: token(),
      accessExpiresAt: Date.now() + lifetimeSeconds * 1000,
      refreshExpiresAt: Date.now() + REFRESH_LIFETIME_MS,
    };
    this.byAccess.set(session.access, session);
    this.byRefresh.set(session.refresh, session);
    return {
      access_token: session.access,
      token_type: 'bearer',
      expires_in: lifetimeSeconds,
      refresh_token: session.refresh,
    };
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
