import { describe, expect, it } from 'vitest';
import { MapQuery } from '@shared/types/map';
import { defaultForm, formProblems, fromQuery, parseOverlay, toQuery, overlayValue } from './map-form';

const PERIOD = { from: '2026-03-12', to: '2026-10-31' };

describe('defaultForm', () => {
  it('opens on the busiest territory, flows between communes, the last three months, every day and hour', () => {
    const form = defaultForm(PERIOD, 6, { level: 'dep', code: '44' });
    expect(form).toMatchObject({ territoryLevel: 'dep', territoryCode: '44', level: 'com', from: '2026-08-01', to: '2026-10-31', minCount: '6', overlay: '' });
    expect(form.days).toHaveLength(7);
    expect(form.bands).toHaveLength(5);
    expect(defaultForm(PERIOD, 10, null)).toMatchObject({ territoryLevel: '', level: 'dep', minCount: '10' });
  });
});

describe('toQuery', () => {
  it('leaves out weekdays and bands when all are ticked, and is a valid query', () => {
    const query = toQuery(defaultForm(PERIOD, 6, { level: 'dep', code: '44' }));
    expect(query).toEqual({ level: 'com', territory: { level: 'dep', code: '44' }, from: '2026-08-01', to: '2026-10-31', direction: 'both', minCount: 6 });
    expect(MapQuery.safeParse(query).success).toBe(true);
  });

  it('sends the weekdays and bands ticked in order, the threshold typed the French way, the overlay', () => {
    const form = { ...defaultForm(PERIOD, 6, null), days: [5, 1, 2], bands: ['evening', 'morning'] as const, minCount: '1 000', overlay: 'simulation:7' };
    const query = toQuery({ ...form, bands: [...form.bands] });
    expect(query).toMatchObject({ territory: null, days: [1, 2, 5], bands: ['morning', 'evening'], minCount: 1_000, overlay: { kind: 'simulation', simulationId: 7 } });
    expect(MapQuery.safeParse(query).success).toBe(true);
    expect(fromQuery(query)).toMatchObject({ days: [1, 2, 5], bands: ['morning', 'evening'], overlay: 'simulation:7', minCount: '1000' });
  });
});

describe('formProblems', () => {
  it('refuses no weekday, no band, an inverted period, a threshold under the setting, a missing territory', () => {
    const form = { ...defaultForm(PERIOD, 6, { level: 'dep', code: '44' }), territoryCode: '', days: [], bands: [], from: '2026-10-01', to: '2026-09-01', minCount: '5' };
    expect(formProblems(form, 6)).toEqual({ territoryCode: 'territoryCode', days: 'days', bands: 'bands', to: 'order', minCount: 'minCount' });
    expect(formProblems(defaultForm(PERIOD, 6, null), 6)).toEqual({});
    expect(formProblems({ ...defaultForm(PERIOD, 6, null), minCount: '7,5' }, 6)).toEqual({ minCount: 'minCount' });
  });
});

describe('overlays', () => {
  it('reads and writes the overlay choice', () => {
    expect(parseOverlay('')).toBeUndefined();
    expect(parseOverlay('flagged')).toEqual({ kind: 'flagged' });
    expect(overlayValue(parseOverlay('simulation:12'))).toBe('simulation:12');
  });
});
