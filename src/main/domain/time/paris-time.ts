import { TZDate, tzOffset } from '@date-fns/tz';

/** Europe/Paris: the registry's local time, and the calendar of every campaign and statistic. */
export const PARIS = 'Europe/Paris';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DD HH:MM:SS` local wall-clock time, as published in territory extracts. */
export function formatLocal(year: number, month1: number, day: number, minutesOfDay: number): string {
  const h = Math.floor(minutesOfDay / 60);
  const m = minutesOfDay % 60;
  return `${year}-${pad(month1)}-${pad(day)} ${pad(h)}:${pad(m)}:00`;
}

/**
 * UTC ISO instant (`…Z`, whole seconds) of a Europe/Paris wall-clock time. In the autumn overlap hour the
 * first (summer-time) occurrence is taken; a time skipped by the spring change moves forward an hour.
 */
export function parisLocalToUtc(year: number, month1: number, day: number, hours: number, minutes: number, seconds = 0): string {
  const wallClock = Date.UTC(year, month1 - 1, day, hours, minutes, seconds);
  // Paris changes offset on the hour: one lookup per wall-clock hour serves every journey of that hour.
  const hour = Date.UTC(year, month1 - 1, day, hours);
  let offset = offsetCache.get(hour);
  if (offset === undefined) {
    if (offsetCache.size > 100_000) offsetCache.clear();
    offset = parisOffsetAt(hour);
    offsetCache.set(hour, offset);
  }
  return new Date(wallClock - offset * 60_000).toISOString().replace('.000Z', 'Z');
}

/** Offset (minutes east of UTC) by wall-clock hour, as UTC milliseconds of that hour read as if it were UTC. */
const offsetCache = new Map<number, number>();

/** Offset in force at a Paris wall-clock hour, given as the UTC milliseconds of the same digits. */
function parisOffsetAt(wallClock: number): number {
  // Worked out from Paris offsets only: TZDate resolves the autumn overlap differently depending on the host's
  // own time zone, which would make the same file import differently from one machine to another.
  const offsetBefore = tzOffset(PARIS, new Date(wallClock - 86_400_000));
  const offsetAfter = tzOffset(PARIS, new Date(wallClock + 86_400_000));
  // The larger offset gives the earlier instant, i.e. summer time when the wall-clock time occurs twice.
  const candidates = [Math.max(offsetBefore, offsetAfter), Math.min(offsetBefore, offsetAfter)];
  const offset = candidates.find((minutesEast) => tzOffset(PARIS, new Date(wallClock - minutesEast * 60_000)) === minutesEast);
  // No candidate: a time the spring change skips, read with the offset in force before the change (an hour later).
  return offset ?? offsetBefore;
}

/** Local `YYYY-MM-DD HH:MM:SS` of a UTC instant in Europe/Paris. */
export function utcToParisLocal(iso: string): string {
  const d = new TZDate(new Date(iso).getTime(), PARIS);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Calendar days from `first` (YYYY-MM-DD) for `count` days, as [year, month1, day, weekday 0=Sunday]. */
export function* calendarDays(first: string, count: number): Generator<[number, number, number, number]> {
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  const start = Date.UTC(y, m - 1, d);
  for (let i = 0; i < count; i += 1) {
    const day = new Date(start + i * 86_400_000);
    yield [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), day.getUTCDay()];
  }
}
