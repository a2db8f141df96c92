import type { Amount } from '../../../shared/campaigns/definition-types';
import { compilePredicate } from './compile-predicate';
import { formatEuros, formatKm, formatNumber } from './french-text';
import type { CompileScope, TripContext, TripCondition } from './trip-condition';

/** One step of an amount's computation, for explanations: the node's value and how it was obtained. */
export interface AmountTerm {
  code: Amount['type'];
  label: string;
  /** Value of this node in cents, before the final rounding (may be fractional or negative). */
  cents: number;
  /** What this trip contributed: km counted, seats, chosen variant, applied booster... */
  detail?: string;
  children?: AmountTerm[];
}

/**
 * A compiled amount formula: the value in (fractional) cents. When `terms` is an array, the node appends its
 * explanation to it; with null nothing is allocated (bulk runs).
 */
export type AmountFormula = (ctx: TripContext, terms: AmountTerm[] | null) => number;

/** Wraps a computation that may record child terms and a detail into a formula that records its own term. */
function explained(
  code: Amount['type'],
  label: string,
  compute: (ctx: TripContext, children: AmountTerm[] | null, detail: { text?: string } | null) => number,
): AmountFormula {
  return (ctx, terms) => {
    if (terms === null) return compute(ctx, null, null);
    const children: AmountTerm[] = [];
    const detail: { text?: string } = {};
    const cents = compute(ctx, children, detail);
    const term: AmountTerm = { code, label, cents };
    if (detail.text !== undefined) term.detail = detail.text;
    if (children.length > 0) term.children = children;
    terms.push(term);
    return cents;
  };
}

function perKmLabel(rate: number, from: number, to: number | null): string {
  const range = to === null ? (from === 0 ? 'sur toute la distance' : `au-delà de ${formatKm(from)}`) : `de ${formatKm(from)} à ${formatKm(to)}`;
  return `${formatEuros(rate)}/km ${range}`;
}

function perKm(amount: Extract<Amount, { type: 'per_km' }>): AmountFormula {
  const rate = amount.cents_per_km;
  const from = amount.from_m ?? 0;
  const to = amount.to_m ?? null;
  const cap = to ?? Infinity;
  const round = amount.km_rounding === 'round';
  return explained('per_km', amount.label ?? perKmLabel(rate, from, to), ({ trip }, _children, detail) => {
    if (trip.distance <= from) return 0;
    // Same operation order as the registry's perKm: (min(distance, limit) - offset) / 1000 * amount.
    const km = (Math.min(trip.distance, cap) - from) / 1000;
    const counted = round ? Math.round(km) : km;
    if (detail) detail.text = `${formatNumber(counted)} km comptés`;
    return counted * rate;
  });
}

function aggregate(amount: Extract<Amount, { type: 'sum' | 'min' | 'max' }>, scope: CompileScope, path: string): AmountFormula {
  const parts = amount.of.map((part, i) => compileAmount(part, scope, `${path}.of[${i}]`));
  const labels = { sum: 'somme', min: 'le plus petit de', max: 'le plus grand de' };
  return explained(amount.type, amount.label ?? labels[amount.type], (ctx, children) => {
    let result = amount.type === 'sum' ? 0 : amount.type === 'min' ? Infinity : -Infinity;
    for (const part of parts) {
      const value = part(ctx, children);
      result = amount.type === 'sum' ? result + value : amount.type === 'min' ? Math.min(result, value) : Math.max(result, value);
    }
    return result;
  });
}

function slices(amount: Extract<Amount, { type: 'slices' }>, scope: CompileScope, path: string): AmountFormula {
  const bands = amount.slices.map((slice, i) => ({
    from: slice.from_m,
    to: slice.to_m ?? Infinity,
    formula: compileAmount(slice.amount, scope, `${path}.slices[${i}].amount`),
    text: `tranche ${slice.to_m == null ? `≥ ${formatKm(slice.from_m)}` : `[${formatKm(slice.from_m)} ; ${formatKm(slice.to_m)}[`}`,
  }));
  if (amount.mode === 'cumulative') {
    return explained('slices', amount.label ?? 'tranches cumulatives', (ctx, children, detail) => {
      let total = 0;
      let applied = 0;
      for (const band of bands) {
        if (ctx.trip.distance < band.from) break;
        total += band.formula(ctx, children);
        applied += 1;
      }
      if (detail) detail.text = `${applied} tranche(s) sur ${bands.length}`;
      return total;
    });
  }
  return explained('slices', amount.label ?? 'tranches exclusives', (ctx, children, detail) => {
    const distance = ctx.trip.distance;
    const band = bands.find((b) => distance >= b.from && distance < b.to);
    if (detail) detail.text = band ? band.text : 'aucune tranche';
    return band ? band.formula(ctx, children) : 0;
  });
}

function choose(amount: Extract<Amount, { type: 'choose' }>, scope: CompileScope, path: string): AmountFormula {
  const cases: Array<{ when: TripCondition; formula: AmountFormula }> = amount.cases.map((c, i) => ({
    when: compilePredicate(c.when, scope, `${path}.cases[${i}].when`),
    formula: compileAmount(c.amount, scope, `${path}.cases[${i}].amount`),
  }));
  const otherwise = compileAmount(amount.otherwise, scope, `${path}.otherwise`);
  return explained('choose', amount.label ?? 'variante', (ctx, children, detail) => {
    for (const c of cases) {
      if (c.when.test(ctx)) {
        if (detail) detail.text = `si ${c.when.description}`;
        return c.formula(ctx, children);
      }
    }
    if (detail) detail.text = 'autres cas';
    return otherwise(ctx, children);
  });
}

function boost(amount: Extract<Amount, { type: 'boost' }>, scope: CompileScope, path: string): AmountFormula {
  const base = compileAmount(amount.of, scope, `${path}.of`);
  const boosters = amount.boosters.map((b, i) => {
    const when = compilePredicate(b.when, scope, `${path}.boosters[${i}].when`);
    return { when, factor: b.factor, text: `× ${formatNumber(b.factor)} (${b.label ?? when.description})` };
  });
  return explained('boost', amount.label ?? 'multiplicateur (non cumulable)', (ctx, children, detail) => {
    const value = base(ctx, children);
    for (const booster of boosters) {
      if (booster.when.test(ctx)) {
        if (detail) detail.text = booster.text;
        return value * booster.factor;
      }
    }
    if (detail) detail.text = 'aucun multiplicateur';
    return value;
  });
}

/** Compiles an amount formula; `path` locates errors of nested conditions in the JSON. */
export function compileAmount(amount: Amount, scope: CompileScope, path: string): AmountFormula {
  switch (amount.type) {
    case 'fixed':
      return explained('fixed', amount.label ?? formatEuros(amount.cents), () => amount.cents);
    case 'per_km':
      return perKm(amount);
    case 'field': {
      const name = amount.field === 'driver_revenue' ? 'revenu du conducteur' : 'contribution du passager';
      return explained('field', amount.label ?? name, ({ trip }, _children, detail) => {
        const value = trip[amount.field];
        if (detail) detail.text = value === null ? 'inconnu(e), compté(e) 0' : formatEuros(value);
        return value ?? 0;
      });
    }
    case 'sum':
    case 'min':
    case 'max':
      return aggregate(amount, scope, path);
    case 'scale': {
      const inner = compileAmount(amount.of, scope, `${path}.of`);
      return explained('scale', amount.label ?? `× ${formatNumber(amount.factor)}`, (ctx, children) => amount.factor * inner(ctx, children));
    }
    case 'per_seat': {
      const inner = compileAmount(amount.of, scope, `${path}.of`);
      return explained('per_seat', amount.label ?? 'par place', (ctx, children, detail) => {
        const seats = ctx.trip.seats || 1;
        if (detail) detail.text = `× ${seats} place(s)`;
        return seats * inner(ctx, children);
      });
    }
    case 'slices':
      return slices(amount, scope, path);
    case 'choose':
      return choose(amount, scope, path);
    case 'boost':
      return boost(amount, scope, path);
    case 'free_ride': {
      const inner = compileAmount(amount.of, scope, `${path}.of`);
      return explained('free_ride', amount.label ?? 'au moins le revenu du conducteur (trajet gratuit)', (ctx, children, detail) => {
        const value = inner(ctx, children);
        const revenue = ctx.trip.driver_revenue;
        if (detail) detail.text = revenue === null ? 'revenu du conducteur inconnu : pas de complément' : `revenu du conducteur ${formatEuros(revenue)}`;
        return revenue === null ? value : Math.max(value, revenue);
      });
    }
  }
}
