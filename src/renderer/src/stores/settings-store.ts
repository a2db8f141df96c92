import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SettingKey, SettingValue, Settings } from '@shared/types/settings';
import { useApi } from '@renderer/api/instance';

/** User settings as stored on the main side; `values` stays null until the first `load()`. */
export const useSettingsStore = defineStore('settings', () => {
  const values = ref<Settings | null>(null);

  /** Reads every setting; rejects with the `ApiError` for the caller to show. */
  async function load(): Promise<void> {
    values.value = await useApi().invoke('settings:list', {});
  }

  /** Stores one setting and keeps the settings the main side answers, which are the reference. */
  async function set<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
    values.value = await useApi().invoke('settings:set', { key, value });
  }

  return { values, load, set };
});
