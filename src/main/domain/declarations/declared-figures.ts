import type { DeclaredFigures, DeclaredTally } from '../../../shared/types/attestations';
import { monthsOf } from '../time/calendar';

/** A person's declared journeys of one local day in one role, summed by the store. Distance in metres. */
export interface DeclaredDayRow {
  role: 'driver' | 'passenger';
  /** `YYYY-MM-DD`, Europe/Paris. */
  day: string;
  journeys: number;
  distanceM: number;
}

const emptyTally = (): DeclaredTally => ({ journeysAsDriver: 0, journeysAsPassenger: 0, days: 0, distanceM: 0 });

/**
 * The declared journeys an attestation shows apart (docs/declarations.md, « Attestations »), from the person's day
 * rows over a period (local days, inclusive): one entry per month of the period and the totals, with the same rules
 * as the registry's figures (a day driven and ridden counts once). Rows outside the period are refused.
 */
export function declaredFigures(rows: readonly DeclaredDayRow[], period: { from: string; to: string }): DeclaredFigures {
  const byMonth = new Map<string, DeclaredTally>(monthsOf(period.from, period.to).map((month) => [month, emptyTally()]));
  const totals = emptyTally();
  const days = new Set<string>();
  for (const row of rows) {
    const tally = byMonth.get(row.day.slice(0, 7));
    if (!tally || row.day < period.from || row.day > period.to) throw new RangeError(`Jour ${row.day} hors de la période ${period.from} – ${period.to}.`);
    for (const target of [tally, totals]) {
      if (row.role === 'driver') target.journeysAsDriver += row.journeys;
      else target.journeysAsPassenger += row.journeys;
      target.distanceM += row.distanceM;
      if (!days.has(row.day)) target.days += 1;
    }
    days.add(row.day);
  }
  return { months: [...byMonth].map(([month, tally]) => ({ month, ...tally })), totals };
}
