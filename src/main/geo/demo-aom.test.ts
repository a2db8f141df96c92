import { describe, expect, it } from 'vitest';
import { DEMO_AOM_NAMES, DEMO_COMMUNES } from '../domain/demo/demo-geography';
import { createGeoResolver } from '../domain/geo/geo-resolver';
import { loadDecoupageReference } from './decoupage-reference';
import { demoAomRows } from './demo-aom';

describe('demoAomRows', () => {
  const rows = demoAomRows();

  it('lists exactly the demo communes, each with a named 9-digit AOM', () => {
    expect(rows.map((row) => row.commune)).toEqual(DEMO_COMMUNES.map((commune) => commune.code));
    for (const row of rows) {
      expect(row.aom).toMatch(/^\d{9}$/);
      expect(row.aomName).toBe(DEMO_AOM_NAMES[row.aom]);
    }
  });

  it('uses communes that are current in COG 2026', () => {
    const resolver = createGeoResolver(loadDecoupageReference());
    for (const row of rows) expect(resolver.resolve(row.commune)?.com).toBe(row.commune);
  });
});
