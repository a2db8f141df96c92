import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { MapQuery, MapResult, ShapeCollection } from '@shared/types/map';
import { settingDefaults } from '@shared/types/settings';
import { useApi } from '@renderer/api/instance';
import { defaultForm, type MapForm } from '@renderer/components/map/map-form';
import type { ChoroplethMeasure } from '@renderer/components/map/map-measures';
import type { CircleMeasure, LineStyle } from '@renderer/components/map/map-scene';
import { latestRequest } from '@renderer/composables/latest-request';
import { useCampaignsStore } from './campaigns-store';
import { useSettingsStore } from './settings-store';
import { useStatsStore } from './stats-store';
import { useTerritoriesStore } from './territories-store';

/** Display choices of the Carte page: they change the drawing, not the query. */
export interface MapDisplay {
  lines: LineStyle;
  circles: CircleMeasure;
  choropleth: ChoroplethMeasure;
}

/**
 * The Carte page: the form and display choices (kept when the user leaves the page and comes back), the answer
 * shown and the contours behind it. What the form offers is read through the stores that own it: the covered period
 * (statistics), the threshold setting (settings), the territories and the saved simulations (campaigns).
 * Answers and contours are shallow refs: thousands of flows and polygons need no deep reactivity, only replacing.
 */
export const useMapStore = defineStore('map', () => {
  const stats = useStatsStore();
  const settings = useSettingsStore();
  const period = computed(() => stats.period);
  /** The `map.minCount` setting: no threshold below it is accepted. */
  const minSetting = computed(() => settings.values?.['map.minCount'] ?? settingDefaults['map.minCount']);
  const form = ref<MapForm | null>(null);
  const display = ref<MapDisplay>({ lines: 'arcs', circles: 'journeys', choropleth: 'none' });
  const regions = shallowRef<ShapeCollection | null>(null);
  const departements = shallowRef<ShapeCollection | null>(null);
  /** Contours of the places of the answer's level (empty collection when neither the store nor the app has them). */
  const placeShapes = shallowRef<ShapeCollection | null>(null);
  const query = shallowRef<MapQuery | null>(null);
  const result = shallowRef<MapResult | null>(null);
  const loading = ref(false);
  // A reload after a statistics refresh may cross the user's own query: the latest one's answer is shown.
  const latest = latestRequest();

  /** Fonds printed under the map: the attributions of the contours drawn, without repeats. */
  const attribution = computed(() =>
    [...new Set([regions.value, departements.value, placeShapes.value].filter((shapes) => shapes && shapes.features.length > 0).map((shapes) => shapes?.attribution))].join(', '),
  );
  /** The choropleth needs the contours of the answer's places. */
  const choroplethAvailable = computed(() => (placeShapes.value?.features.length ?? 0) > 0);

  /**
   * Reads what the page needs besides the answer: covered period, threshold setting, saved simulations and the
   * background contours. The first time, proposes a form: the busiest département over the last three months.
   */
  async function init(): Promise<void> {
    const api = useApi();
    const [covered, , , reg, dep] = await Promise.all([
      stats.loadPeriod(),
      settings.load(),
      useCampaignsStore().loadSimulations(),
      regions.value ?? api.invoke('map:shapes', { level: 'reg' }),
      departements.value ?? api.invoke('map:shapes', { level: 'dep' }),
    ]);
    regions.value = reg;
    departements.value = dep;
    if (!covered || form.value) return;
    const [busiest] = await useTerritoriesStore().load('dep');
    form.value = defaultForm(covered, minSetting.value, busiest ? { level: 'dep', code: busiest.code } : null);
  }

  /** Runs a query, then fetches the contours of its places. Rejects with the `ApiError` for the page to show. */
  async function run(next: MapQuery): Promise<void> {
    query.value = next;
    loading.value = true;
    try {
      const answered = await latest(async () => {
        const answer = await useApi().invoke('map:flows', next);
        const shapes = answer.places.length > 0 ? await useApi().invoke('map:shapes', { level: answer.level, codes: answer.places.map((place) => place.code) }) : null;
        return { answer, shapes };
      });
      if (!answered) return;
      placeShapes.value = answered.shapes;
      result.value = answered.answer;
      if (!choroplethAvailable.value) display.value = { ...display.value, choropleth: 'none' };
    } finally {
      loading.value = false;
    }
  }

  return {
    period, minSetting, form, display, regions, departements, placeShapes, query, result, loading,
    attribution, choroplethAvailable, init, run,
  };
});
