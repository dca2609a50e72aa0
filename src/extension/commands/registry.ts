/**
 * The command boundary. Every `iplos.*` command is declared as a CommandSpec — its id, the
 * action in words, how VS Code's raw arguments (tree nodes, URIs, strings from links and
 * keybindings) become its typed arguments, and its handler — and registered here, so that
 * every failure, also a wrong argument, reaches the user through the one ErrorReporter
 * with its remedy instead of VS Code's generic "command failed". Each feature's file
 * exports its specs (as the AWS Toolkit's `activation.ts` files do).
 */
import * as vscode from 'vscode';
import type { ErrorReporter } from '../services/errorReporter';

export interface CommandSpec {
  id: string;
  /** The action in words for the error line ("Sending the extract"); called when shown, so it is translated then. */
  action: () => string;
  /** Runs the command on VS Code's raw arguments; throws to fail (the registry reports it). */
  invoke: (raw: readonly unknown[]) => unknown;
  /** What the command returns when it failed, after the error was reported. */
  failed: unknown;
}

/**
 * A command whose raw arguments are parsed (and checked) by `args` into the one value `run`
 * gets. Without `args` the command takes nothing and ignores what a menu passes along.
 */
export function command<Arg, Result>(spec: {
  id: string;
  action: () => string;
  args?: (raw: readonly unknown[]) => Arg;
  run: (arg: Arg) => Result | Promise<Result>;
  failed?: Awaited<Result>;
}): CommandSpec {
  return {
    id: spec.id,
    action: spec.action,
    invoke: (raw) => spec.run(spec.args ? spec.args(raw) : (undefined as Arg)),
    failed: spec.failed,
  };
}

export class CommandRegistry implements vscode.Disposable {
  private readonly registered = new Map<string, vscode.Disposable>();

  constructor(private readonly reporter: ErrorReporter) {}

  /** The ids registered so far (the suite checks them against package.json). */
  get ids(): string[] {
    return [...this.registered.keys()];
  }

  register(specs: readonly CommandSpec[]): void {
    for (const spec of specs) {
      if (this.registered.has(spec.id)) throw new Error(`command ${spec.id} is registered twice`);
      this.registered.set(
        spec.id,
        vscode.commands.registerCommand(spec.id, async (...raw: unknown[]) => {
          try {
            return await spec.invoke(raw);
          } catch (error) {
            this.reporter.report(spec.action(), error, spec.id);
            return spec.failed;
          }
        }),
      );
    }
  }

  dispose(): void {
    for (const registration of this.registered.values()) registration.dispose();
    this.registered.clear();
  }
}
