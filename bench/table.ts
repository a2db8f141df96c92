/**
 * The table `npm run bench` prints: one row per figure with its value, its reference measured in the same run, the
 * ratio, the goal and whether it is met. A step that fails leaves its rows as « échec » with a numbered message under
 * the table, so that one failure hides none of the other figures.
 */
import { fmt } from './common';

/** A measured value, or why it could not be measured. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs one step; a throw becomes a failed outcome carrying its message. */
export async function attempt<T>(run: () => Promise<T> | T): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs a step that needs an earlier one's result; when that one failed, fails with the same message without running. */
export function after<T, U>(dependency: Outcome<T>, run: (value: T) => Promise<U> | U): Promise<Outcome<U>> {
  return dependency.ok ? attempt(() => run(dependency.value)) : Promise.resolve(dependency);
}

/** One figure of a step's result (`pick` may throw: a result that lacks the figure fails this row only). */
export function pick<T, U>(outcome: Outcome<T>, read: (value: T) => U): Outcome<U> {
  if (!outcome.ok) return outcome;
  try {
    return { ok: true, value: read(outcome.value) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Seconds, milliseconds, megabytes, or a count of differences (`écarts`). */
export type Unit = 's' | 'ms' | 'Mo' | 'écarts';

/** An upper bound, on the value itself or on its ratio to the reference; `strict`: `<` rather than `≤`. */
export interface Goal {
  on: 'value' | 'ratio';
  limit: number;
  strict: boolean;
  /** French text of the goal, as the issue words it (`≤ 1,5 × .import`). */
  text: string;
}

/** `≤ 3 s`, `< 200 ms`: a bound on the value, its text derived from the unit unless given (`< 1 Go`). */
export function atMost(limit: number, unit: Unit, strict = false, text = `${strict ? '<' : '≤'} ${fmt(limit, 2)} ${unit}`): Goal {
  return { on: 'value', limit, strict, text };
}

/** `≤ 1,5 × .import`: a bound on the ratio to the row's reference. */
export function ratioAtMost(limit: number, referenceName: string): Goal {
  return { on: 'ratio', limit, strict: false, text: `≤ ${fmt(limit, 2)} × ${referenceName}` };
}

/** A row as declared by the runner; `value: null` is a figure left unmeasured (national scale without `--national`). */
export interface RowSpec {
  section: string;
  figure: string;
  unit: Unit;
  value: Outcome<number> | null;
  /** The reference (`value: null`: not measured, like the row). */
  reference?: { label: string; value: Outcome<number> | null };
  /** Every bound the figure must meet (none: reported only). */
  goals?: Goal[];
}

/** A row as printed and written to `--out`. */
export interface TableRow {
  section: string;
  figure: string;
  status: 'mesuré' | 'échec' | 'non mesuré';
  value: number | null;
  unit: Unit;
  reference: { label: string; value: number | null } | null;
  ratio: number | null;
  goal: string | null;
  /** Null when there is no goal, or nothing to compare. */
  met: boolean | null;
  /** Why the value is missing. */
  error: string | null;
  /** Why the reference is missing. */
  referenceError: string | null;
}

/** Computes ratio and verdict of each declared row. */
export function evaluateRows(specs: readonly RowSpec[]): TableRow[] {
  return specs.map((spec) => {
    const value = spec.value?.ok ? spec.value.value : null;
    const reference = spec.reference?.value?.ok ? spec.reference.value.value : null;
    const ratio = value !== null && reference !== null && reference > 0 ? value / reference : null;
    const goals = spec.goals ?? [];
    const verdicts = goals.map((goal) => {
      const compared = goal.on === 'ratio' ? ratio : value;
      return compared === null ? null : goal.strict ? compared < goal.limit : compared <= goal.limit;
    });
    // Not met as soon as one bound is missed; unknown while one cannot be compared.
    const met = goals.length === 0 ? null : verdicts.includes(false) ? false : verdicts.includes(null) ? null : true;
    const failure = (outcome: Outcome<number> | null | undefined): string | null => (outcome && !outcome.ok ? outcome.error : null);
    return {
      section: spec.section,
      figure: spec.figure,
      status: spec.value === null ? 'non mesuré' : spec.value.ok ? 'mesuré' : 'échec',
      value,
      unit: spec.unit,
      reference: spec.reference ? { label: spec.reference.label, value: reference } : null,
      ratio,
      goal: goals.length === 0 ? null : goals.map((goal) => goal.text).join(' et '),
      met,
      error: failure(spec.value),
      referenceError: failure(spec.reference?.value),
    };
  });
}

const measure = (value: number, unit: Unit): string => `${fmt(value, unit === 's' ? 2 : 1)} ${unit}`;

/** The table as French text lines: columns padded, one block per section, failure messages numbered below. */
export function renderTable(rows: readonly TableRow[]): string[] {
  const messages: string[] = [];
  const note = (error: string | null): string => {
    if (error === null) return '';
    const index = messages.indexOf(error) + 1 || messages.push(error);
    return ` [${index}]`;
  };
  const header = ['Mesure', 'Valeur', 'Référence', 'Rapport', 'Objectif', 'Atteint'];
  const cells = rows.map((row) => {
    const value = row.status === 'non mesuré' ? 'non mesuré' : row.value === null ? `échec${note(row.error)}` : measure(row.value, row.unit);
    const reference =
      row.reference === null ? '—'
      : row.reference.value !== null ? `${measure(row.reference.value, row.unit)} (${row.reference.label})`
      : row.referenceError !== null ? `échec${note(row.referenceError)}`
      : 'non mesuré';
    const ratio = row.ratio === null ? '—' : fmt(row.ratio, 2);
    return [`  ${row.figure}`, value, reference, ratio, row.goal ?? '—', row.met === null ? '—' : row.met ? 'oui' : 'non'];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)));
  const line = (values: readonly string[]): string => values.map((value, column) => (column === 0 ? value.padEnd(widths[0] ?? 0) : value.padStart(widths[column] ?? 0))).join('  ').trimEnd();
  const out = [line(header), widths.map((width) => '─'.repeat(width)).join('  ')];
  rows.forEach((row, index) => {
    if (index === 0 || rows[index - 1]?.section !== row.section) out.push(row.section);
    out.push(line(cells[index] ?? []));
  });
  if (messages.length > 0) {
    out.push('', 'Échecs :');
    messages.forEach((message, index) => out.push(`  [${index + 1}] ${message}`));
  }
  return out;
}
