import type { FigureWithTrend } from '@shared/types/territory';
import { formatPercent } from '@shared/util/format';

/** How a figure moved against the same period a year before, with the change's size already in French. */
export type Trend =
  | { kind: 'up' | 'down'; percent: string }
  | { kind: 'same' | 'new' | 'none'; percent: null };

/**
 * The trend of a home figure: up or down by a percentage, stable when the change rounds to 0 %, new when there was
 * nothing a year before, none when the store does not cover that period (`yearBefore` null).
 */
export function trendOf(figure: FigureWithTrend): Trend {
  const before = figure.yearBefore;
  if (before === null) return { kind: 'none', percent: null };
  if (before === 0) return figure.value === 0 ? { kind: 'same', percent: null } : { kind: 'new', percent: null };
  const change = (figure.value - before) / before;
  const percent = formatPercent(Math.abs(change));
  // Rounded as it is shown: « +0 % » would read as a change that did not happen.
  if (formatPercent(0) === percent) return { kind: 'same', percent: null };
  return { kind: change > 0 ? 'up' : 'down', percent };
}
