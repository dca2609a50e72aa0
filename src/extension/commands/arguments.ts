/**
 * Turning what VS Code passes to a command into what the handler works with. A command
 * runs from the palette (no arguments), a tree row (the node, and the selection), the
 * Explorer (a URI, and the selected URIs), a link or a keybinding (whatever was written).
 * Anything else is refused with a clear error rather than half-understood.
 */
import * as vscode from 'vscode';
import { UserFacingError } from '../errors';
import { t } from '../localize';

/** A command was given an argument it does not understand (a keybinding or another extension). */
export class ArgumentError extends UserFacingError {
  constructor(expected: string, value: unknown) {
    super(
      t('The command was given {0} where it expects {1}.', describeValue(value), expected),
      t('Run it from the Command Palette or the IPLOS views instead.'),
    );
  }
}

/**
 * The argument as one of the accepted shapes, each with its converter; undefined when it
 * was not given (the handler then asks). `expected` names the shapes for the error.
 */
export function optionalArg<T>(
  value: unknown,
  expected: string,
  ...shapes: ((value: unknown) => T | undefined)[]
): T | undefined {
  if (value === undefined || value === null) return undefined;
  for (const shape of shapes) {
    const converted = shape(value);
    if (converted !== undefined) return converted;
  }
  throw new ArgumentError(expected, value);
}

/** A string among `allowed`, else undefined. */
export function oneOf<T extends string>(allowed: readonly T[]): (value: unknown) => T | undefined {
  return (value) =>
    typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function instanceOf<T>(type: abstract new (...args: never[]) => T): (value: unknown) => T | undefined {
  return (value) => (value instanceof type ? value : undefined);
}

export function anUri(value: unknown): vscode.Uri | undefined {
  return value instanceof vscode.Uri ? value : undefined;
}

export function aString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return t('a list');
  return t('an object');
}
