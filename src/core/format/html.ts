/**
 * HTML built from a tagged template that escapes every value it is given: `html`…${value}…``
 * escapes `value` unless it is itself the result of `html` (a `SafeHtml`). So a report is
 * never built by concatenating strings, and text from an extract (a brukerNr, an attribute
 * value, a file name) cannot close a tag or open a script — the failure SSB's KOSTRA control
 * program has (shared/docs/iplos-control-rules.md, "what it does badly").
 *
 * Escaped: `&`, `<`, `>`, `"` and `'`, so a value is safe in text and in a quoted attribute
 * (write attributes quoted; a value never goes into a tag name, an unquoted attribute, a URL
 * or a style). Characters HTML does not allow as text (C0 controls other than tab and line
 * breaks, C1 controls, lone surrogates, noncharacters U+FFFE/U+FFFF) become U+FFFD.
 */

const brand = Symbol('SafeHtml');

/** Markup that is already safe: made by `html`, or a constant the code wrote (`trustedHtml`). */
export interface SafeHtml {
  readonly [brand]: true;
  readonly markup: string;
}

/** What a template accepts: text (escaped), numbers, markup, lists of these; nothing for null, undefined and false. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NOT_HTML_TEXT =
  // eslint-disable-next-line no-control-regex -- the control characters are what is replaced
  /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeHtml(text: string): string {
  return text.replace(NOT_HTML_TEXT, '\uFFFD').replace(/[&<>"']/g, (character) => ENTITIES[character] as string);
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0] as string;
  for (let index = 0; index < values.length; index++) markup += render(values[index]) + (strings[index + 1] as string);
  return safe(markup);
}

/**
 * Markup written by the code itself (a stylesheet constant), never text from outside: the one
 * way around the escaping, so a reader can find every use.
 */
export function trustedHtml(markup: string): SafeHtml {
  return safe(markup);
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && brand in value;
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') return escapeHtml(value);
  if (isSafeHtml(value)) return value.markup;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  // Anything else (a forged { markup } object from untyped code) is text, never markup.
  return escapeHtml(String(value));
}

function safe(markup: string): SafeHtml {
  return { [brand]: true, markup };
}
