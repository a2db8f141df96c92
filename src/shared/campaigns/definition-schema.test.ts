import { describe, expect, it } from 'vitest';
import { checkCampaignDefinition, formatJsonPath } from './validate-definition';

const valid = {
  format: 1,
  id: 'demo',
  name: 'Démo',
  description: '',
  status: 'campaign',
  territory: { aom: ['244400404'] },
  window: { from: '2024-01-01', to: '2024-12-31' },
  timezone: 'Europe/Paris',
  budget_cents: 100_000,
  payee: 'driver',
  lists: { booster_dates: { kind: 'dates', values: ['2024-04-16'] } },
  shapes: {},
  rules: [
    {
      from: null,
      eligibility: { type: 'all', of: [{ type: 'distance', min_m: 2000, bounds: '[)' }, { type: 'date_in', dates: { list: 'booster_dates' } }] },
      amount: { type: 'per_seat', of: { type: 'fixed', cents: 200 } },
    },
  ],
  limits: [{ counter: 'trips', target: 'driver', period: 'day', max: 6 }],
};

/** A deep copy of `valid` changed by `edit`. */
function variant(edit: (d: typeof valid & Record<string, unknown>) => void) {
  const copy = structuredClone(valid) as typeof valid & Record<string, unknown>;
  edit(copy);
  return checkCampaignDefinition(copy);
}

function issuesOf(result: ReturnType<typeof checkCampaignDefinition>) {
  return result.ok ? [] : result.issues;
}

describe('checkCampaignDefinition', () => {
  it('accepts a valid definition', () => {
    expect(checkCampaignDefinition(valid)).toMatchObject({ ok: true });
  });

  it('names an unknown condition type with its JSON path and the known types, in French', () => {
    const issues = issuesOf(variant((d) => ((d.rules[0]!.eligibility.of as unknown[])[1] = { type: 'weekdays', days: [1] })));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('rules[0].eligibility.of[1].type');
    expect(issues[0]?.message).toMatch(/^type de condition inconnu \(attendu : all, any, not, operator/);
  });

  it('requires explicit distance bounds', () => {
    const issues = issuesOf(variant((d) => ((d.rules[0]!.eligibility.of as unknown[])[0] = { type: 'distance', min_m: 2000 })));
    expect(issues.map((i) => i.path)).toEqual(['rules[0].eligibility.of[0].bounds']);
  });

  it('rejects min_m above max_m and a day that does not exist (the registry’s 2025-06-31)', () => {
    const bounds = issuesOf(variant((d) => ((d.rules[0]!.eligibility.of as unknown[])[0] = { type: 'distance', min_m: 5000, max_m: 2000, bounds: '[]' })));
    expect(bounds).toEqual([{ path: 'rules[0].eligibility.of[0].max_m', message: 'min_m doit être inférieur ou égal à max_m' }]);
    const day = issuesOf(variant((d) => (d.rules[0]!.from = '2025-06-31' as unknown as null)));
    expect(day.map((i) => i.path)).toEqual(['rules[0].from']);
    expect(day[0]?.message).toContain('AAAA-MM-JJ');
  });

  it('accepts instants only with an explicit offset', () => {
    expect(variant((d) => (d.window.from = '2023-05-01T00:00:00Z')).ok).toBe(true);
    expect(variant((d) => (d.window.from = '2023-05-01T00:00:00+02:00')).ok).toBe(true);
    expect(issuesOf(variant((d) => (d.window.from = '2023-05-01T00:00:00'))).map((i) => i.path)).toEqual(['window.from']);
  });

  it('checks that list references exist and have the right kind', () => {
    const missing = issuesOf(variant((d) => ((d.rules[0]!.eligibility.of as unknown[])[1] = { type: 'date_in', dates: { list: 'jours' } })));
    expect(missing).toEqual([{ path: 'rules[0].eligibility.of[1].dates.list', message: 'liste « jours » absente de « lists »' }]);
    const kind = issuesOf(variant((d) => (d.territory = { aom: { list: 'booster_dates' } } as never)));
    expect(kind).toEqual([{ path: 'territory.aom.list', message: 'la liste « booster_dates » doit être de type « codes »' }]);
  });

  it('checks the values of a date list and shape references', () => {
    const dates = issuesOf(variant((d) => (d.lists.booster_dates.values = ['2024-04-16', '16/04/2024'])));
    expect(dates.map((i) => i.path)).toEqual(['lists.booster_dates.values[1]']);
    const shape = issuesOf(variant((d) => ((d.rules[0]!.eligibility.of as unknown[])[1] = { type: 'inside_shape', at: 'both', shape: 'zone' })));
    expect(shape).toEqual([{ path: 'rules[0].eligibility.of[1].shape', message: 'forme « zone » absente de « shapes »' }]);
  });

  it('forbids an upper bound in cumulative slices and overlapping exclusive slices', () => {
    const cumulative = issuesOf(
      variant((d) => (d.rules[0]!.amount = { type: 'slices', mode: 'cumulative', slices: [{ from_m: 0, to_m: 20000, amount: { type: 'fixed', cents: 1 } }] } as never)),
    );
    expect(cumulative.map((i) => i.path)).toEqual(['rules[0].amount.slices[0].to_m']);
    const exclusive = issuesOf(
      variant(
        (d) =>
          (d.rules[0]!.amount = {
            type: 'slices',
            mode: 'exclusive',
            slices: [
              { from_m: 0, to_m: 20000, amount: { type: 'fixed', cents: 1 } },
              { from_m: 15000, to_m: 30000, amount: { type: 'fixed', cents: 2 } },
            ],
          } as never),
      ),
    );
    expect(exclusive).toEqual([{ path: 'rules[0].amount.slices[1].from_m', message: 'les tranches exclusives doivent être ordonnées et disjointes' }]);
  });

  it('rejects unknown keys, an unknown time zone and a wrong format version in French', () => {
    const issues = issuesOf(variant((d) => Object.assign(d, { format: 2, timezone: 'Europe/Nantes', budget: 3 })));
    expect(issues.map((i) => i.path).sort()).toEqual(['', 'format', 'timezone']);
    expect(issues.find((i) => i.path === '')?.message).toMatch(/Clé non reconnue/);
  });

  it('requires either operators or versions in an operator condition', () => {
    const issues = issuesOf(variant((d) => ((d.rules[0]!.eligibility.of as unknown[])[1] = { type: 'operator' })));
    expect(issues).toEqual([{ path: 'rules[0].eligibility.of[1]', message: 'donner soit « operators », soit « versions »' }]);
  });
});

describe('formatJsonPath', () => {
  it('writes array indexes in brackets', () => {
    expect(formatJsonPath(['rules', 0, 'amount', 'of', 2])).toBe('rules[0].amount.of[2]');
    expect(formatJsonPath([3, 'value'])).toBe('[3].value');
    expect(formatJsonPath([])).toBe('');
  });
});
