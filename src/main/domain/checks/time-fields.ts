/**
 * Allocation-free reading of the time strings of extracts. A million journeys carry two UTC instants and one local
 * time each: `Date.parse` and `Date.UTC` per row cost a third of a second, plain digit arithmetic a few milliseconds.
 */

const SECONDS_PER_DAY = 86_400;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`), month 1..12. Same value as
 * `Date.UTC(year, month − 1, day) / 86 400 000`, including a day past the month's end (31 April is 1 May).
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Digits `from..to` (exclusive) of a string as a number, without a substring; NaN when a character is no digit. */
export function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let k = from; k < to; k += 1) {
    const d = text.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Unix seconds of `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ` (the registry's and the store's form) by
 * arithmetic, or NaN for any other form (the caller then falls back to `Date.parse`). Computed in milliseconds then
 * divided, exactly as `Date.parse(iso) / 1000`.
 */
export function utcIsoSeconds(iso: string): number {
  const length = iso.length;
  if ((length !== 20 && length !== 24) || iso.charCodeAt(length - 1) !== 90 /* Z */) return Number.NaN;
  if (iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45 || iso.charCodeAt(10) !== 84 /* T */
    || iso.charCodeAt(13) !== 58 || iso.charCodeAt(16) !== 58) return Number.NaN;
  let millis = 0;
  if (length === 24) {
    if (iso.charCodeAt(19) !== 46 /* . */) return Number.NaN;
    millis = digits(iso, 20, 23);
  }
  const month = digits(iso, 5, 7);
  const day = digits(iso, 8, 10);
  const hours = digits(iso, 11, 13);
  const minutes = digits(iso, 14, 16);
  const seconds = digits(iso, 17, 19);
  // Out-of-range fields are left to Date.parse, which rejects them (NaN) or knows its exceptions (24:00).
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hours <= 23 && minutes <= 59 && seconds <= 59)) return Number.NaN;
  const days = daysFromCivil(digits(iso, 0, 4), month, day);
  return ((days * SECONDS_PER_DAY + hours * 3600 + minutes * 60 + seconds) * 1000 + millis) / 1000;
}

/**
 * A parser of UTC instants to Unix seconds: digit arithmetic for the usual form, `Date.parse` (cached: published
 * times fall on 10-minute marks and come back again and again) for anything else.
 */
export function secondsParser(): (iso: string) => number {
  const cache = new Map<string, number>();
  return (iso) => {
    const fast = utcIsoSeconds(iso);
    if (fast === fast) return fast; // not NaN
    let value = cache.get(iso);
    if (value === undefined) {
      value = Date.parse(iso) / 1000;
      if (cache.size > 100_000) cache.clear();
      cache.set(iso, value);
    }
    return value;
  };
}
