import type { DateList } from '../../../shared/campaigns/definition-types';
import { formatList, WEEKDAYS } from './french-text';
import { describeList, valuesOf } from './named-lists';
import { leafCondition, type CompileScope, type TripCondition } from './trip-condition';

/** Day of the week in the campaign's time zone (0 = Sunday). */
export function weekdayCondition(days: readonly number[]): TripCondition {
  const allowed = new Set(days);
  return leafCondition(
    'weekday',
    `jour de la semaine : ${days.map((d) => WEEKDAYS[d]).join(', ')}`,
    (ctx) => allowed.has(ctx.day.weekday),
    (_trip, ctx) => `${WEEKDAYS[ctx.day.weekday]} ${ctx.day.day}`,
  );
}

/** Calendar day (campaign time zone) in a list, e.g. booster days. */
export function dateInCondition(dates: DateList, scope: CompileScope): TripCondition {
  const days = new Set(valuesOf(dates, scope.lists));
  return leafCondition(
    'date_in',
    `jour parmi ${describeList(dates, scope.lists, (values) => formatList(values, 5))}`,
    (ctx) => days.has(ctx.day.day),
    (_trip, ctx) => ctx.day.day,
  );
}

/** `from` <= datetime < `before`; a day means its 00:00 in the campaign's time zone. */
export function datetimeCondition(from: string | undefined, before: string | undefined, scope: CompileScope): TripCondition {
  const low = from === undefined ? -Infinity : scope.calendar.instantOf(from);
  const high = before === undefined ? Infinity : scope.calendar.instantOf(before);
  const parts = [from === undefined ? null : `à partir du ${from}`, before === undefined ? null : `avant le ${before}`];
  return leafCondition(
    'datetime',
    `trajet ${parts.filter((part) => part !== null).join(' et ')}`,
    (ctx) => ctx.time >= low && ctx.time < high,
    (_trip, ctx) => new Date(ctx.time).toISOString(),
  );
}
