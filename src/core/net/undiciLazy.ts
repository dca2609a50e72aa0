import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

/**
 * undici, loaded on first use: it takes about 55 ms to load, which would otherwise be paid
 * at the extension's activation (target < 100 ms) even when nothing is sent or fetched.
 */
export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('undici') as typeof Undici);
}
