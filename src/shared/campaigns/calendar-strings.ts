/** Shapes of the date strings of the campaign format, checked without any time zone arithmetic. */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Year, month (1-12) and day of a `YYYY-MM-DD` string that names a real calendar day, else null. */
export function parseDay(text: string): { year: number; month: number; day: number } | null {
  const match = DAY.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2025-06-31 over to 1 July: a real day survives the round trip unchanged.
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** Whether `text` is an ISO 8601 instant with an explicit offset (`Z` or `±HH:MM`) that Date can read. */
export function isInstant(text: string): boolean {
  return INSTANT.test(text) && !Number.isNaN(Date.parse(text));
}
