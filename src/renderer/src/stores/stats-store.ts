import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { StatsQuery, StatsResult } from '@shared/types/stats';
import { lastThreeMonths } from '@shared/util/period';
import { useApi } from '@renderer/api/instance';
import { latestRequest } from '@renderer/composables/latest-request';
import type { TerritoryInRoute } from '@renderer/composables/territory-route';
import { useTerritoriesStore } from './territories-store';

/**
 * The Statistiques page: the period the aggregates cover (which the other pages start their periods from), the
 * form's fields (kept when the user leaves the page and comes back), the query of the result shown and its result.
 */
export const useStatsStore = defineStore('stats', () => {
  const period = ref<{ from: string; to: string } | null>(null);
  /** The fields of the form; null until a query is proposed (there are no aggregates yet). */
  const form = ref<StatsQuery | null>(null);
  /** The query of the result shown (a copy: editing the form does not change it). */
  const query = ref<StatsQuery | null>(null);
  const result = ref<StatsResult | null>(null);
  const loading = ref(false);
  // A reload after a sync may cross the user's own query: the latest one's result is shown.
  const latest = latestRequest();

  /** Reads the period the aggregates cover (null when there are none yet) and answers it. */
  async function loadPeriod(): Promise<{ from: string; to: string } | null> {
    period.value = await useApi().invoke('stats:period', {});
    return period.value;
  }

  /**
   * Reads the covered period and, the first time, proposes a query in the form: the département with the most
   * journeys over the last three months. Leaves the form null when there are no aggregates yet.
   */
  async function init(): Promise<void> {
    const covered = await loadPeriod();
    if (!covered || form.value) return;
    const [busiest] = await useTerritoriesStore().load('dep');
    if (!busiest) return;
    form.value = { level: 'dep', code: busiest.code, direction: 'both', granularity: 'month', ...lastThreeMonths(covered) };
  }

  /**
   * Puts the territory and period of a link (the home page's figures) in the form, the other fields as a first visit
   * has them, and lists the territories of its level. Needs the covered period (`init`): nothing without aggregates.
   */
  async function openOn(asked: TerritoryInRoute): Promise<void> {
    const covered = period.value;
    if (!covered) return;
    await useTerritoriesStore().load(asked.territory.level);
    form.value = { ...asked.territory, direction: 'both', granularity: 'month', ...(asked.period ?? lastThreeMonths(covered)) };
  }

  /** Runs a query (copied: the form stays editable). Rejects with the `ApiError` (e.g. an invalid period) for the page to show. */
  async function run(next: StatsQuery): Promise<void> {
    const request = { ...next };
    query.value = request;
    loading.value = true;
    try {
      const answer = await latest(() => useApi().invoke('stats:query', request));
      if (answer) result.value = answer;
    } finally {
      loading.value = false;
    }
  }

  return { period, form, query, result, loading, loadPeriod, init, openOn, run };
});
