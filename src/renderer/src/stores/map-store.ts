import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { MapQuery, MapResult, ShapeCollection } from '@shared/types/map';
import type { SavedSimulation } from '@shared/types/simulation';
import type { StatsLevel, StatsTerritory } from '@shared/types/stats';
import { useApi } from '@renderer/api/instance';
import { defaultForm, type MapForm } from '@renderer/components/map/map-form';
import type { ChoroplethMeasure } from '@renderer/components/map/map-measures';
import type { CircleMeasure, LineStyle } from '@renderer/components/map/map-scene';

/** Display choices of the Carte page: they change the drawing, not the query. */
export interface MapDisplay {
  lines: LineStyle;
  circles: CircleMeasure;
  choropleth: ChoroplethMeasure;
}

/**
 * The Carte page: the form and display choices (kept when the user leaves the page and comes back), the answer
 * shown, the contours behind it, and what the pickers offer (territories, saved simulations, covered period).
 * Answers and contours are shallow refs: thousands of flows and polygons need no deep reactivity, only replacing.
 */
export const useMapStore = defineStore('map', () => {
  const period = ref<{ from: string; to: string } | null>(null);
  /** The `map.minCount` setting: no threshold below it is accepted. */
  const minSetting = ref(6);
  const territories = ref<StatsTerritory[]>([]);
  const simulations = ref<SavedSimulation[]>([]);
  const form = ref<MapForm | null>(null);
  const display = ref<MapDisplay>({ lines: 'arcs', circles: 'journeys', choropleth: 'none' });
  const regions = shallowRef<ShapeCollection | null>(null);
  const departements = shallowRef<ShapeCollection | null>(null);
  /** Contours of the places of the answer's level (empty collection when neither the store nor the app has them). */
  const placeShapes = shallowRef<ShapeCollection | null>(null);
  const query = shallowRef<MapQuery | null>(null);
  const result = shallowRef<MapResult | null>(null);
  const loading = ref(false);

  /** Fonds printed under the map: the attributions of the contours drawn, without repeats. */
  const attribution = computed(() =>
    [...new Set([regions.value, departements.value, placeShapes.value].filter((shapes) => shapes && shapes.features.length > 0).map((shapes) => shapes?.attribution))].join(', '),
  );
  /** The choropleth needs the contours of the answer's places. */
  const choroplethAvailable = computed(() => (placeShapes.value?.features.length ?? 0) > 0);

  async function loadTerritories(level: Exclude<StatsLevel, 'country'>): Promise<void> {
    territories.value = await useApi().invoke('stats:territories', { level });
  }

  /**
   * Reads what the page needs besides the answer: covered period, threshold setting, saved simulations and the
   * background contours. The first time, proposes a form: the busiest département over the last three months.
   */
  async function init(): Promise<void> {
    const api = useApi();
    const [covered, settings, saved, reg, dep] = await Promise.all([
      api.invoke('stats:period', {}),
      api.invoke('settings:list', {}),
      api.invoke('simulations:list', {}),
      regions.value ?? api.invoke('map:shapes', { level: 'reg' }),
      departements.value ?? api.invoke('map:shapes', { level: 'dep' }),
    ]);
    period.value = covered;
    minSetting.value = settings['map.minCount'];
    simulations.value = saved;
    regions.value = reg;
    departements.value = dep;
    if (!covered || form.value) return;
    await loadTerritories('dep');
    const busiest = territories.value[0];
    form.value = defaultForm(covered, minSetting.value, busiest ? { level: 'dep', code: busiest.code } : null);
  }

  /** Runs a query, then fetches the contours of its places. Rejects with the `ApiError` for the page to show. */
  async function run(next: MapQuery): Promise<void> {
    query.value = next;
    loading.value = true;
    try {
      const answer = await useApi().invoke('map:flows', next);
      placeShapes.value = answer.places.length > 0 ? await useApi().invoke('map:shapes', { level: answer.level, codes: answer.places.map((place) => place.code) }) : null;
      result.value = answer;
      if (!choroplethAvailable.value) display.value = { ...display.value, choropleth: 'none' };
    } finally {
      loading.value = false;
    }
  }

  return {
    period, minSetting, territories, simulations, form, display, regions, departements, placeShapes, query, result, loading,
    attribution, choroplethAvailable, init, loadTerritories, run,
  };
});
