import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { StatsLevel, StatsQuery, StatsResult, StatsTerritory } from '@shared/types/stats';
import { lastThreeMonths } from '@shared/util/period';
import { useApi } from '@renderer/api/instance';

/**
 * The Statistiques page: the query (territory, level, direction, period, granularity), its result, the
 * territories of the chosen level and the period the aggregates cover.
 */
export const useStatsStore = defineStore('stats', () => {
  const period = ref<{ from: string; to: string } | null>(null);
  const territories = ref<StatsTerritory[]>([]);
  const query = ref<StatsQuery | null>(null);
  const result = ref<StatsResult | null>(null);
  const loading = ref(false);

  async function loadTerritories(level: StatsLevel): Promise<void> {
    territories.value = await useApi().invoke('stats:territories', { level });
  }

  /**
   * Reads the covered period and, the first time, proposes a query: the département with the most journeys over
   * the last three months. Leaves `query` null when there are no aggregates yet.
   */
  async function init(): Promise<void> {
    period.value = await useApi().invoke('stats:period', {});
    if (!period.value || query.value) return;
    await loadTerritories('dep');
    const first = territories.value[0];
    if (!first) return;
    query.value = { level: 'dep', code: first.code, direction: 'both', granularity: 'month', ...lastThreeMonths(period.value) };
  }

  /** Runs the current query. Rejects with the `ApiError` (e.g. an invalid period) for the page to show. */
  async function run(next: StatsQuery): Promise<void> {
    query.value = next;
    loading.value = true;
    try {
      result.value = await useApi().invoke('stats:query', next);
    } finally {
      loading.value = false;
    }
  }

  return { period, territories, query, result, loading, init, loadTerritories, run };
});
