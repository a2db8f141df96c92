import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '@shared/types/store';
import { useApi } from '@renderer/api/instance';

/** Version and run mode (desktop window or browser); `info` stays null until the first `load()`. */
export const useAppInfoStore = defineStore('appInfo', () => {
  const info = ref<AppInfo | null>(null);

  /** Reads `app:info` once: it does not change while the application runs. Rejects with the `ApiError`. */
  async function load(): Promise<void> {
    if (info.value) return;
    info.value = await useApi().invoke('app:info', {});
  }

  return { info, load };
});
