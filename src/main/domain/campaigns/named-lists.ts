import { parseDay } from '../../../shared/campaigns/calendar-strings';
import type { CodeList, NamedList } from '../../../shared/campaigns/definition-types';
import type { IssueCollector } from './definition-error';

/** The lists of a compiled campaign, by name: the definition's values or their run-time replacements. */
export type ResolvedLists = ReadonlyMap<string, readonly string[]>;

/**
 * Merges run-time `overrides` over the definition's lists. An override must name a list of the definition
 * (a typo would otherwise be silently ignored) and respect its kind (`dates` holds `YYYY-MM-DD` days).
 */
export function resolveLists(
  lists: Readonly<Record<string, NamedList>>,
  overrides: Readonly<Record<string, readonly string[]>> | undefined,
  issues: IssueCollector,
): ResolvedLists {
  const resolved = new Map<string, readonly string[]>(Object.entries(lists).map(([name, list]) => [name, list.values]));
  for (const [name, values] of Object.entries(overrides ?? {})) {
    const list = lists[name];
    if (!list) {
      issues.add(`lists.${name}`, `liste « ${name} » inconnue de cette campagne (listes : ${Object.keys(lists).join(', ') || 'aucune'})`);
      continue;
    }
    values.forEach((value, index) => {
      if (list.kind === 'dates' && parseDay(value) === null) issues.add(`lists.${name}[${index}]`, `date attendue au format AAAA-MM-JJ : « ${value} »`);
    });
    resolved.set(name, values);
  }
  return resolved;
}

/** The values of an inline list or of a named list (references were checked by the schema). */
export function valuesOf(list: CodeList, lists: ResolvedLists): readonly string[] {
  return Array.isArray(list) ? list : (lists.get(list.list) ?? []);
}

/** `liste « booster_dates » (3 valeurs)` or the inline values themselves. */
export function describeList(list: CodeList, lists: ResolvedLists, format: (values: readonly string[]) => string): string {
  if (Array.isArray(list)) return format(list);
  const values = lists.get(list.list) ?? [];
  return `liste « ${list.list} » (${values.length === 0 ? 'vide' : format(values)})`;
}
