import type { CliIo } from './io';

/** One `iplos <name>` subcommand. Later issues add check, send, feedback and history. */
export interface CliCommand {
  name: string;
  /** One line for the overview, in the CLI's language (a getter: the language is chosen after load). */
  readonly summary: string;
  /** The command's help, in the CLI's language. */
  readonly usage: string;
  run(args: string[], io: CliIo, signal: AbortSignal): Promise<number>;
}
