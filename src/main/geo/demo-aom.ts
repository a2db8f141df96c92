import { DEMO_AOM_NAMES, DEMO_COMMUNES } from '../domain/demo/demo-geography';
import type { AomCommune } from '../domain/geo/aom';

/**
 * The AOM of the demo communes only (source `demo`): the 24 hand-built Pays de la Loire communes of
 * `demo-geography.ts`, not every commune of their EPCI, so the demo never pretends to cover more than it does.
 */
export function demoAomRows(): AomCommune[] {
  return DEMO_COMMUNES.map((commune) => ({ commune: commune.code, aom: commune.aom, aomName: DEMO_AOM_NAMES[commune.aom] ?? null }));
}
