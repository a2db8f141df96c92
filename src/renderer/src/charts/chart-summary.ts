/** A series of a chart: its name and one value per label. */
export interface ChartSeries {
  label: string;
  data: readonly number[];
}

/** The days a partial step of a time series counts (`YYYY-MM-DD`, both included); null for a whole step. */
export type PartialStep = Readonly<{ from: string; to: string }> | null;

/** What the text summary of one series says: its highest and lowest labels and values, and its total. */
export interface SeriesSummary {
  series: string;
  highest: { label: string; value: number };
  lowest: { label: string; value: number };
  /** Partial steps were left out of the highest and lowest (they are lower by nature). */
  partialLeftOut: boolean;
  total: number;
}

/**
 * The highest and lowest values of each series, with their labels, and its total. Partial steps (`partial[i]` set)
 * are left out of the highest and lowest when whole ones remain, so that a cut-off last month is not read as the
 * lowest; they still count in the total. Null for a series without values. The first label wins a tie.
 */
export function summariseSeries(labels: readonly string[], series: ChartSeries, partial: readonly PartialStep[] = []): SeriesSummary | null {
  const indices = labels.map((_, index) => index).filter((index) => Number.isFinite(series.data[index]));
  const whole = indices.filter((index) => !partial[index]);
  const candidates = whole.length > 0 ? whole : indices;
  const first = candidates[0];
  if (first === undefined) return null;
  const value = (index: number): number => series.data[index] ?? 0;
  let highest = first;
  let lowest = first;
  for (const index of candidates) {
    if (value(index) > value(highest)) highest = index;
    if (value(index) < value(lowest)) lowest = index;
  }
  return {
    series: series.label,
    highest: { label: labels[highest] ?? '', value: value(highest) },
    lowest: { label: labels[lowest] ?? '', value: value(lowest) },
    partialLeftOut: candidates.length < indices.length,
    total: indices.reduce((sum, index) => sum + value(index), 0),
  };
}
