import type { Predicate } from '../../../shared/campaigns/definition-types';
import { dateInCondition, datetimeCondition, weekdayCondition } from './calendar-conditions';
import { insideShapeCondition, sameCodeCondition, territoryCondition } from './geo-conditions';
import { adultPassengerCondition, compareCondition, distanceCondition, operatorClassCondition, operatorCondition } from './trip-field-conditions';
import type { CompileScope, TripCondition } from './trip-condition';
import { compileVersions, versionAt } from './versions';

/** Every condition must hold; an empty list always holds. Reports every failing condition, not just the first. */
function allCondition(tests: TripCondition[]): TripCondition {
  return {
    code: 'all',
    description: tests.length === 0 ? 'toujours' : tests.map((t) => t.description).join(' et '),
    test(ctx) {
      for (const test of tests) if (!test.test(ctx)) return false;
      return true;
    },
    whyNot: (ctx) => tests.filter((test) => !test.test(ctx)).flatMap((test) => test.whyNot(ctx)),
  };
}

function anyCondition(tests: TripCondition[]): TripCondition {
  const description = `(${tests.map((t) => t.description).join(') ou (')})`;
  return {
    code: 'any',
    description,
    test(ctx) {
      for (const test of tests) if (test.test(ctx)) return true;
      return false;
    },
    whyNot: (ctx) => [
      {
        code: 'any',
        message: `aucune des conditions n’est remplie : ${tests.flatMap((test) => test.whyNot(ctx).map((reason) => reason.message)).join(' ; ')}`,
      },
    ],
  };
}

function notCondition(inner: TripCondition): TripCondition {
  return {
    code: `not:${inner.code}`,
    description: `non (${inner.description})`,
    test: (ctx) => !inner.test(ctx),
    whyNot: () => [{ code: `not:${inner.code}`, message: `exclu : ${inner.description}` }],
  };
}

/** The condition of the version in force at the trip's date; before the first version nothing is eligible. */
function byDateCondition(predicate: Extract<Predicate, { type: 'by_date' }>, scope: CompileScope, path: string): TripCondition {
  const versions = compileVersions(predicate.versions, scope.calendar, scope.issues, `${path}.versions`, (version, index) =>
    compilePredicate(version.predicate, scope, `${path}.versions[${index}].predicate`),
  );
  return {
    code: 'by_date',
    description: versions.map((v) => `${v.fromText ? `dès ${v.fromText}` : 'au début'} : ${v.value.description}`).join(' ; '),
    test: (ctx) => versionAt(versions, ctx.time)?.value.test(ctx) ?? false,
    whyNot(ctx) {
      const version = versionAt(versions, ctx.time);
      if (version) return version.value.whyNot(ctx);
      return [{ code: 'by_date', message: `aucune condition en vigueur avant le ${versions[0]?.fromText ?? '?'}` }];
    },
  };
}

/** Compiles an eligibility condition; errors (unknown operators, version order) go to `scope.issues` with `path`. */
export function compilePredicate(predicate: Predicate, scope: CompileScope, path: string): TripCondition {
  switch (predicate.type) {
    case 'all':
      return allCondition(predicate.of.map((p, i) => compilePredicate(p, scope, `${path}.of[${i}]`)));
    case 'any':
      return anyCondition(predicate.of.map((p, i) => compilePredicate(p, scope, `${path}.of[${i}]`)));
    case 'not':
      return notCondition(compilePredicate(predicate.of, scope, `${path}.of`));
    case 'operator':
      return operatorCondition(predicate, scope, path);
    case 'operator_class':
      return operatorClassCondition(predicate.classes);
    case 'distance':
      return distanceCondition(predicate.min_m, predicate.max_m, predicate.bounds);
    case 'territory':
      return territoryCondition(predicate.at, predicate.in, scope);
    case 'same_code':
      return sameCodeCondition(predicate.level);
    case 'inside_shape':
      return insideShapeCondition(predicate.at, predicate.shape, scope);
    case 'adult_passenger':
      return adultPassengerCondition();
    case 'weekday':
      return weekdayCondition(predicate.days);
    case 'date_in':
      return dateInCondition(predicate.dates, scope);
    case 'datetime':
      return datetimeCondition(predicate.from, predicate.before, scope);
    case 'compare':
      return compareCondition(predicate.field, predicate.op, predicate.value);
    case 'by_date':
      return byDateCondition(predicate, scope, path);
  }
}
