/**
 * The element a predicate sees: one object reused for every start tag (no allocation per
 * element), with attributes looked up by local name. Attribute names without a prefix — all
 * of them, in every extract seen so far — are a plain property read; a prefixed attribute
 * (`ipl:brukerNr`) is found by a scan made only when a plain read misses, and only once the
 * file has declared a namespace prefix (`xmlns:…`) or used one on an element: without a
 * declared prefix there can be no prefixed attribute. `xmlns` declarations are not attributes here.
 */
import type { OpenElement } from './ruleTypes';

export class ElementView implements OpenElement {
  name = '';
  qualifiedName = '';
  depth = 0;
  private values: Record<string, string> = {};
  private prefixed: Map<string, string> | undefined;
  private scanned = false;
  /** Set once a namespace prefix was declared or used (see above). */
  private prefixesInUse = false;

  reset(qualifiedName: string, name: string, depth: number, values: Record<string, string>): void {
    this.qualifiedName = qualifiedName;
    this.name = name;
    this.depth = depth;
    this.values = values;
    this.prefixed = undefined;
    this.scanned = false;
    if (!this.prefixesInUse && (qualifiedName.includes(':') || (depth === 1 && declaresPrefix(values)))) {
      this.prefixesInUse = true;
    }
  }

  attribute(name: string): string | undefined {
    const value = this.values[name];
    if (value !== undefined) return value;
    if (!this.prefixesInUse) return undefined;
    if (!this.scanned) this.scanPrefixed();
    return this.prefixed?.get(name);
  }

  *attributes(): Iterable<[string, string]> {
    for (const [key, value] of Object.entries(this.values)) {
      if (isNamespaceDeclaration(key)) continue;
      yield [localName(key), value];
    }
  }

  private scanPrefixed(): void {
    this.scanned = true;
    for (const key in this.values) {
      const colon = key.indexOf(':');
      if (colon < 0 || isNamespaceDeclaration(key)) continue;
      this.prefixed ??= new Map();
      this.prefixed.set(key.slice(colon + 1), this.values[key] as string);
    }
  }
}

/** The name without a namespace prefix. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function declaresPrefix(values: Record<string, string>): boolean {
  for (const key in values) if (key.startsWith('xmlns:')) return true;
  return false;
}

function isNamespaceDeclaration(key: string): boolean {
  return key === 'xmlns' || key.startsWith('xmlns:');
}
