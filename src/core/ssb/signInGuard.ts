/**
 * SSB suspends an account after a few bad passwords, and suspension needs SSB's help
 * desk. A bad password is therefore never retried automatically, and repeated failures
 * make the next attempt wait: none after the first (a typo), 30 s after the second, then
 * 2 min, then 10 min.
 *
 * With a file, the record survives the process and is shared by every process using the
 * same file — the CLI and the extension keep it next to their history file
 * (signInGuardFile) — so a script run again and again cannot walk into the lockout. The
 * file holds only user names, counts and times; it is read at every check, written
 * atomically (temporary file + rename), and a damaged file counts as empty.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const WAITS_MS = [0, 30_000, 120_000, 600_000];

type Failures = Record<string, { count: number; last: number }>;

/** The guard's file for a history file: `sign-in-attempts.json` in the same folder. */
export function signInGuardFile(historyFile: string): string {
  return join(dirname(historyFile), 'sign-in-attempts.json');
}

export class SignInGuard {
  private memory: Failures = {};
  /** Set when the file could not be written: from then on the record is kept in memory. */
  private unwritable = false;

  constructor(
    private readonly now: () => number = Date.now,
    /** The shared record (or a function giving its current path); none: in memory only. */
    private readonly file?: string | (() => string),
  ) {}

  /** Milliseconds until another sign-in for this user may be tried (0 = now). */
  waitFor(username: string): number {
    const record = this.read()[username.toLowerCase()];
    if (!record) return 0;
    const wait = WAITS_MS[Math.min(record.count - 1, WAITS_MS.length - 1)] as number;
    return Math.max(0, record.last + wait - this.now());
  }

  failedAttempts(username: string): number {
    return this.read()[username.toLowerCase()]?.count ?? 0;
  }

  recordFailure(username: string): void {
    const key = username.toLowerCase();
    const failures = this.read();
    failures[key] = { count: (failures[key]?.count ?? 0) + 1, last: this.now() };
    this.write(failures);
  }

  recordSuccess(username: string): void {
    const key = username.toLowerCase();
    const failures = this.read();
    if (!(key in failures)) return;
    this.write(Object.fromEntries(Object.entries(failures).filter(([name]) => name !== key)));
  }

  private path(): string | undefined {
    if (this.unwritable) return undefined;
    return typeof this.file === 'function' ? this.file() : this.file;
  }

  private read(): Failures {
    const path = this.path();
    if (!path) return this.memory;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      return {}; // missing or damaged: nothing recorded
    }
    const users = (parsed as { users?: unknown })?.users;
    const failures: Failures = {};
    if (typeof users !== 'object' || users === null) return failures;
    for (const [name, record] of Object.entries(users as Record<string, unknown>)) {
      const { count, last } = (record ?? {}) as { count?: unknown; last?: unknown };
      if (typeof count === 'number' && count > 0 && typeof last === 'number') failures[name] = { count, last };
    }
    return failures;
  }

  private write(failures: Failures): void {
    const path = this.path();
    if (!path) {
      this.memory = failures;
      return;
    }
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(temporary, `${JSON.stringify({ version: 1, users: failures }, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, path);
    } catch {
      // Not writable: the guard still holds for this process.
      this.unwritable = true;
      this.memory = failures;
    }
  }
}
