import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { StatsLevel, StatsTerritory } from '@shared/types/stats';
import { useApi } from '@renderer/api/instance';

/**
 * The territories of each level, busiest first (`stats:territories`), as the territory pickers list them and as the
 * pages propose their first territory. One list per level, read again on each `load`: a sync changes which
 * territories the store covers and which are the busiest.
 */
export const useTerritoriesStore = defineStore('territories', () => {
  const byLevel = ref<Partial<Record<StatsLevel, StatsTerritory[]>>>({});

  /** Reads the territories of `level`, keeps them under `byLevel` and answers them; rejects with the `ApiError`. */
  async function load(level: StatsLevel): Promise<StatsTerritory[]> {
    const territories = await useApi().invoke('stats:territories', { level });
    byLevel.value = { ...byLevel.value, [level]: territories };
    return territories;
  }

  return { byLevel, load };
});
