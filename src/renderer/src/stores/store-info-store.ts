import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { StoreInfo } from '@shared/types/store';
import { useApi } from '@renderer/api/instance';

/** Facts about the local store (file, schema, row counts); `info` stays null until the first `load()`. */
export const useStoreInfoStore = defineStore('storeInfo', () => {
  const info = ref<StoreInfo | null>(null);

  /** Rows of the `trips` table, null before the first load; a store without that table counts as empty. */
  const tripCount = computed(() => {
    if (!info.value) return null;
    return info.value.tables.find((table) => table.name === 'trips')?.rows ?? 0;
  });

  /** Reads `store:info` again; rejects with the `ApiError` for the caller to show. */
  async function load(): Promise<void> {
    info.value = await useApi().invoke('store:info', {});
  }

  return { info, tripCount, load };
});
