/**
 * The rules' checks by element name, built once: the engine looks up the start tag's local
 * name and calls only the predicates that read it. `#root` is the root element, whatever its
 * name (X02 reads it).
 */
import type { OpenInput, Rule, StateInput } from './ruleTypes';

type Open = { test(input: OpenInput): void };
type Later = { test(input: StateInput): void };

export interface RuleDispatch {
  open: ReadonlyMap<string, readonly [Rule, Open][]>;
  close: ReadonlyMap<string, readonly [Rule, Later][]>;
  end: readonly [Rule, Later][];
}

export function buildDispatch(rules: readonly Rule[]): RuleDispatch {
  const open = new Map<string, [Rule, Open][]>();
  const close = new Map<string, [Rule, Later][]>();
  const end: [Rule, Later][] = [];
  for (const rule of rules) {
    for (const check of rule.checks) {
      if (check.when === 'end') {
        end.push([rule, check]);
        continue;
      }
      const table: Map<string, [Rule, Open | Later][]> = check.when === 'open' ? open : close;
      const list = table.get(check.element) ?? [];
      list.push([rule, check]);
      table.set(check.element, list);
    }
  }
  return { open, close, end };
}
