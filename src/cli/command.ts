import type { CliIo } from './io';

/** One `iplos <name>` subcommand. Later issues add check, send, feedback and history. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo, signal: AbortSignal): Promise<number>;
}
