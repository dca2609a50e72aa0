/**
 * A secret for the CLI comes from a file, an environment variable or a hidden prompt on a
 * terminal — never from the command line, where it would show in `ps` and shell history.
 */
import { readFile } from 'node:fs/promises';
import { nonAsciiKeyWarning, type ArchiveKeyUse } from '../core/archive';
import { msg } from '../core/i18n';
import { UsageError } from './cliError';
import type { CliIo } from './io';

export interface SecretSource {
  /** What the secret is, in the CLI's language ("key"): in the prompt and the errors. */
  label: string;
  file?: string | undefined;
  envVariable: string;
}

export async function readSecret(source: SecretSource, io: CliIo): Promise<string> {
  if (source.file) {
    const text = await readFile(source.file, 'utf8').catch((error: unknown) => {
      throw new Error(
        msg(
          'cannot read the {0} file "{1}": {2}',
          source.label,
          source.file ?? '',
          (error as NodeJS.ErrnoException).code ?? String(error),
        ),
      );
    });
    const secret = text.replace(/\r?\n$/, '');
    if (secret.length === 0) throw new Error(msg('the {0} file "{1}" is empty', source.label, source.file));
    return secret;
  }
  const fromEnv = io.env[source.envVariable];
  if (fromEnv) return fromEnv;
  if (io.stdin.isTTY && io.stderr.isTTY) return promptHidden(`${capitalise(source.label)}: `, io);
  throw new UsageError(
    msg('no {0}: use --key-file <path> or set {1} (there is no terminal to ask on)', source.label, source.envVariable),
  );
}

/** Says on stderr when a key has characters outside ASCII (what may not open it, what to use); never the key. */
export function warnAboutKey(key: string, use: ArchiveKeyUse, io: CliIo): void {
  const warning = nonAsciiKeyWarning(key, use);
  if (warning) io.stderr.write(`${msg('warning: {0}', warning)}\n`);
}

/** Reads one line from the terminal without echoing it. */
export function promptHidden(question: string, io: CliIo): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = io.stdin;
    // Echo off before the question appears: anything typed or pasted after it stays hidden.
    stdin.setRawMode?.(true);
    stdin.resume();
    io.stderr.write(question);
    let answer = '';
    const finish = (error?: Error): void => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (data: Buffer | string): void => {
      for (const character of data.toString('utf8')) {
        if (character === '\r' || character === '\n' || character === '\u0004') return finish();
        if (character === '\u0003') return finish(new Error(msg('cancelled')));
        if (character === '\u007f' || character === '\b') answer = answer.slice(0, -1);
        else answer += character;
      }
    };
    stdin.on('data', onData);
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
