import type { IssueCollector } from './definition-error';
import type { ZoneCalendar } from './zone-calendar';

/** A value in force from `from` (UTC ms; -Infinity: since always) until the next version. */
export interface Versioned<T> {
  readonly from: number;
  /** As written in the definition (null: since always). */
  readonly fromText: string | null;
  readonly value: T;
}

/**
 * Compiles a list of date-versioned entries. Only the first may have `from: null`, and dates must increase
 * strictly: a version list is read as "from this date on", so any other order would hide a version.
 */
export function compileVersions<E extends { from: string | null }, T>(
  entries: readonly E[],
  calendar: ZoneCalendar,
  issues: IssueCollector,
  path: string,
  build: (entry: E, index: number) => T,
): Array<Versioned<T>> {
  const versions: Array<Versioned<T>> = [];
  entries.forEach((entry, index) => {
    if (entry.from === null && index > 0) issues.add(`${path}[${index}].from`, 'seule la première version peut avoir « from » à null');
    const from = entry.from === null ? -Infinity : calendar.instantOf(entry.from);
    const previous = versions[versions.length - 1];
    if (previous && from <= previous.from) issues.add(`${path}[${index}].from`, 'les versions doivent être dans l’ordre chronologique strict');
    versions.push({ from, fromText: entry.from, value: build(entry, index) });
  });
  return versions;
}

/** The version in force at `time`: the latest whose `from` <= time; undefined before the first one. */
export function versionAt<T>(versions: ReadonlyArray<Versioned<T>>, time: number): Versioned<T> | undefined {
  for (let i = versions.length - 1; i >= 0; i -= 1) {
    const version = versions[i] as Versioned<T>;
    if (version.from <= time) return version;
  }
  return undefined;
}
