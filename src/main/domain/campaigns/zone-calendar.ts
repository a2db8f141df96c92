import { tzOffset } from '@date-fns/tz';
import { isInstant, parseDay } from '../../../shared/campaigns/calendar-strings';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar day of an instant in a campaign's time zone, with the keys of its limit periods. */
export interface CalendarDay {
  /** `YYYY-MM-DD` */
  day: string;
  /** `YYYY-MM` */
  month: string;
  /** `YYYY` */
  year: string;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Local calendar of one time zone, fast enough for millions of trips: offsets are cached per UTC hour (zones
 * of interest change offset on the hour) and calendar days per local day.
 */
export class ZoneCalendar {
  private readonly offsets = new Map<number, number>();
  private readonly days = new Map<number, CalendarDay>();

  /** @param timeZone IANA name (`Europe/Paris`); `UTC` gives the registry's server-clock calendar. */
  constructor(readonly timeZone: string) {}

  /** Offset east of UTC in milliseconds at instant `ms`. */
  offsetAt(ms: number): number {
    const hour = Math.floor(ms / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = tzOffset(this.timeZone, new Date(hour * HOUR_MS)) * 60_000;
      this.offsets.set(hour, offset);
    }
    return offset;
  }

  /** Local calendar day of instant `ms` (UTC milliseconds). */
  dayOf(ms: number): CalendarDay {
    const localDay = Math.floor((ms + this.offsetAt(ms)) / DAY_MS);
    let day = this.days.get(localDay);
    if (day === undefined) {
      const date = new Date(localDay * DAY_MS);
      const year = String(date.getUTCFullYear());
      const month = `${year}-${pad(date.getUTCMonth() + 1)}`;
      day = { day: `${month}-${pad(date.getUTCDate())}`, month, year, weekday: date.getUTCDay() };
      this.days.set(localDay, day);
    }
    return day;
  }

  /** UTC milliseconds of 00:00 local time on a calendar day. */
  startOfDay(year: number, month: number, day: number): number {
    const wallClock = Date.UTC(year, month - 1, day);
    // The offset at local midnight is that of the instant itself: two passes settle it unless midnight is skipped.
    let instant = wallClock - this.offsetAt(wallClock);
    instant = wallClock - this.offsetAt(instant);
    return instant;
  }

  /**
   * UTC milliseconds of a format date: a `YYYY-MM-DD` day gives its local start (or, with `endOfDay`, the start
   * of the next day), an instant gives itself. Throws on anything else (the schema has already rejected it).
   */
  instantOf(text: string, endOfDay = false): number {
    const day = parseDay(text);
    if (day) return this.startOfDay(day.year, day.month, day.day + (endOfDay ? 1 : 0));
    if (isInstant(text)) return Date.parse(text);
    throw new Error(`date invalide : ${text}`);
  }
}
