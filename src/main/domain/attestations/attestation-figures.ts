import type { AttestationFigures, AttestationMonth, AttestationTally } from '../../../shared/types/attestations';
import { monthsOf } from '../time/calendar';

/**
 * A person's journeys of one local day in one role, summed by the store (db/attestation-figures.ts). Distance in
 * metres, money in euro cents; `paidCents` is only ever non-zero as passenger, `received` and `incentives` as driver.
 */
export interface AttestationDayRow {
  role: 'driver' | 'passenger';
  /** `YYYY-MM-DD`, Europe/Paris. */
  day: string;
  journeys: number;
  distanceM: number;
  paidCents: number;
  receivedCents: number;
  incentivesCents: number;
}

const emptyTally = (): AttestationTally => ({
  journeysAsDriver: 0,
  journeysAsPassenger: 0,
  days: 0,
  distanceM: 0,
  amountPaidCents: 0,
  amountReceivedCents: 0,
  incentivesCents: 0,
});

/** Adds one day row to a tally (its day is counted by the caller, once per distinct day). */
function addRow(tally: AttestationTally, row: AttestationDayRow): void {
  if (row.role === 'driver') tally.journeysAsDriver += row.journeys;
  else tally.journeysAsPassenger += row.journeys;
  tally.distanceM += row.distanceM;
  tally.amountPaidCents += row.paidCents;
  tally.amountReceivedCents += row.receivedCents;
  tally.incentivesCents += row.incentivesCents;
}

/**
 * The figures of an attestation from the person's day rows over a period (local days, inclusive): one entry per
 * month of the period, months without journeys included, and the totals. A day driven and ridden counts once.
 * Rows outside the period are refused: they would make the totals disagree with the months printed.
 */
export function attestationFigures(rows: readonly AttestationDayRow[], period: { from: string; to: string }): AttestationFigures {
  const byMonth = new Map<string, AttestationTally>(monthsOf(period.from, period.to).map((month) => [month, emptyTally()]));
  const totals = emptyTally();
  const days = new Set<string>();
  for (const row of rows) {
    const tally = byMonth.get(row.day.slice(0, 7));
    if (!tally || row.day < period.from || row.day > period.to) throw new RangeError(`Jour ${row.day} hors de la période ${period.from} – ${period.to}.`);
    addRow(tally, row);
    addRow(totals, row);
    if (!days.has(row.day)) {
      days.add(row.day);
      tally.days += 1;
      totals.days += 1;
    }
  }
  const months: AttestationMonth[] = [...byMonth].map(([month, tally]) => ({ month, ...tally }));
  return { months, totals };
}
