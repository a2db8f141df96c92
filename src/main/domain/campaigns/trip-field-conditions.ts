import type { Bounds, Comparison, NumericField, OperatorVersion } from '../../../shared/campaigns/definition-types';
import type { CampaignTrip } from './campaign-trip';
import { formatEuros, formatKm, formatList, formatNumber } from './french-text';
import { operatorLabel, operatorUuidOf } from './operator-names';
import { leafCondition, type CompileScope, type TripCondition } from './trip-condition';
import { compileVersions, versionAt } from './versions';

/** Operator allowed at the trip's date: the latest list whose `from` <= datetime; nobody before the first list. */
export function operatorCondition(
  predicate: { operators?: string[]; versions?: OperatorVersion[] },
  scope: CompileScope,
  path: string,
): TripCondition {
  const entries = predicate.versions ?? [{ from: null, operators: predicate.operators ?? [] }];
  const versionsPath = predicate.versions ? `${path}.versions` : path;
  const versions = compileVersions(entries, scope.calendar, scope.issues, versionsPath, (entry, index) => {
    const uuids = new Set<string>();
    entry.operators.forEach((name, i) => {
      const uuid = operatorUuidOf(name);
      const at = predicate.versions ? `${versionsPath}[${index}].operators[${i}]` : `${path}.operators[${i}]`;
      if (uuid === null) scope.issues.add(at, `opérateur inconnu : « ${name} » (UUID ou constante du registre attendu)`);
      else uuids.add(uuid);
    });
    return uuids;
  });
  const describe = (uuids: ReadonlySet<string>) => formatList([...uuids].map(operatorLabel), 12);
  const description =
    versions.length === 1 && versions[0]?.fromText === null
      ? `opérateur parmi ${describe(versions[0].value)}`
      : `opérateur autorisé à la date du trajet (${versions.map((v) => `${v.fromText ? `dès ${v.fromText}` : 'au début'} : ${describe(v.value)}`).join(' ; ')})`;
  return leafCondition(
    'operator',
    description,
    (ctx) => {
      const uuid = ctx.trip.operator_uuid;
      return uuid !== null && (versionAt(versions, ctx.time)?.value.has(uuid) ?? false);
    },
    (trip, ctx) => (versionAt(versions, ctx.time) ? operatorLabel(trip.operator_uuid) : `${operatorLabel(trip.operator_uuid)}, date antérieure à la première liste`),
  );
}

export function operatorClassCondition(classes: readonly string[]): TripCondition {
  const allowed = new Set(classes);
  return leafCondition(
    'operator_class',
    `classe de preuve ${classes.join(' ou ')}`,
    (ctx) => ctx.trip.operator_class !== null && allowed.has(ctx.trip.operator_class),
    (trip) => `classe ${trip.operator_class ?? 'inconnue'}`,
  );
}

/** `[2 km ; 150 km[` in French interval notation, or `≥ 2 km` / `≤ 60 km` for a half-bounded range. */
function describeRange(min: number | undefined, max: number | undefined, bounds: Bounds): string {
  const minInclusive = bounds[0] === '[';
  const maxInclusive = bounds[1] === ']';
  if (max === undefined) return `distance ${minInclusive ? '≥' : '>'} ${formatKm(min ?? 0)}`;
  if (min === undefined) return `distance ${maxInclusive ? '≤' : '<'} ${formatKm(max)}`;
  return `distance dans ${minInclusive ? '[' : ']'}${formatKm(min)} ; ${formatKm(max)}${maxInclusive ? ']' : '['}`;
}

export function distanceCondition(min: number | undefined, max: number | undefined, bounds: Bounds): TripCondition {
  const low = min ?? -Infinity;
  const high = max ?? Infinity;
  const minInclusive = bounds[0] === '[';
  const maxInclusive = bounds[1] === ']';
  return leafCondition(
    'distance',
    describeRange(min, max, bounds),
    ({ trip: { distance } }) =>
      (minInclusive ? distance >= low : distance > low) && (maxInclusive ? distance <= high : distance < high),
    (trip) => formatKm(trip.distance),
  );
}

export function adultPassengerCondition(): TripCondition {
  return leafCondition(
    'adult_passenger',
    'passager majeur (ou âge inconnu)',
    (ctx) => ctx.trip.passenger_is_over_18 !== false,
    () => 'passager mineur',
  );
}

const FIELD_NAMES: Record<NumericField, string> = {
  distance: 'distance',
  seats: 'nombre de places',
  driver_revenue: 'revenu du conducteur',
  passenger_contribution: 'contribution du passager',
};

function formatField(field: NumericField, value: number): string {
  if (field === 'distance') return formatKm(value);
  if (field === 'seats') return formatNumber(value);
  return formatEuros(value);
}

const COMPARE: Record<Comparison, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
};

const SYMBOLS: Record<Comparison, string> = { '<': '<', '<=': '≤', '=': '=', '!=': '≠', '>=': '≥', '>': '>' };

/** Numeric field test; an unknown value (null) fails whatever the comparison. */
export function compareCondition(field: NumericField, op: Comparison, value: number): TripCondition {
  const compare = COMPARE[op];
  const read = (trip: CampaignTrip): number | null => trip[field];
  return leafCondition(
    'compare',
    `${FIELD_NAMES[field]} ${SYMBOLS[op]} ${formatField(field, value)}`,
    (ctx) => {
      const actual = read(ctx.trip);
      return actual !== null && compare(actual, value);
    },
    (trip) => {
      const actual = read(trip);
      return actual === null ? `${FIELD_NAMES[field]} inconnu(e)` : formatField(field, actual);
    },
  );
}
