/** Sorting of the map's tables (flows, places): by any column, French order for names, empty values last. */

export type SortDirection = 'ascending' | 'descending';

export interface SortState<K extends string> {
  readonly key: K;
  readonly direction: SortDirection;
}

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/**
 * Rows sorted by the value `read` gives: numbers by size, text in French alphabetical order (accents ignored,
 * « Saint-2 » before « Saint-10 »). Null values go last in both directions; ties keep their order (stable sort),
 * so that a table sorted by name keeps the biggest flows first among equal names.
 */
export function sortRows<T>(rows: readonly T[], read: (row: T) => string | number | null, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, order) => ({ row, order, value: read(row) }))
    .sort((x, y) => {
      if (x.value === null || y.value === null) return x.value === y.value ? x.order - y.order : x.value === null ? 1 : -1;
      const compared = typeof x.value === 'number' && typeof y.value === 'number' ? x.value - y.value : collator.compare(String(x.value), String(y.value));
      return compared === 0 ? x.order - y.order : sign * compared;
    })
    .map(({ row }) => row);
}

/**
 * The sort after a click on column `key`: the same column flips its direction; another column starts with the
 * biggest numbers first, or with names from A to Z.
 */
export function nextSort<K extends string>(current: SortState<K>, key: K, numeric: boolean): SortState<K> {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: numeric ? 'descending' : 'ascending' };
}

/** The page (from 0) holding row `position` of a list cut into pages of `size` rows. */
export function pageOf(position: number, size: number): number {
  return Math.max(0, Math.floor(position / size));
}

/** A column of a map table: how it reads a row to sort it and how it prints it. */
export interface TableColumn<T> {
  readonly key: string;
  readonly label: string;
  /** Numbers are right-aligned and sorted biggest first on the first click. */
  readonly numeric: boolean;
  readonly value: (row: T) => string | number | null;
  readonly text: (row: T) => string;
}
