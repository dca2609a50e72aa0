/** Asks one visible question on the terminal (for confirmations, never for secrets). */
import { createInterface } from 'node:readline/promises';
import type { CliIo } from './io';

export async function promptLine(question: string, io: CliIo): Promise<string> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
