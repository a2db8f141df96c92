import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '@shared/ipc/result';
import { useAppInfoStore } from './app-info-store';

/** `checking` until the first answer; `denied` when the browser-mode bridge refuses this tab's token. */
export type AccessState = 'checking' | 'granted' | 'denied';

/**
 * Whether this window may talk to the services. The Electron window always may; a browser tab only with the token of
 * the address the server printed at launch. The shell shows nothing but one explanation until access is granted,
 * rather than every page failing on its own, spinning and reporting an empty history.
 */
export const useAccessStore = defineStore('access', () => {
  const state = ref<AccessState>('checking');

  /**
   * Asks for `app:info` (needed anyway, and cheap): a refused token denies access; any other failure grants it, for
   * the pages to show their own errors. Answers whether access is granted.
   */
  async function check(): Promise<boolean> {
    try {
      await useAppInfoStore().load();
      // A refusal heard meanwhile (the event stream) wins.
      if (state.value === 'checking') state.value = 'granted';
    } catch (error) {
      state.value = error instanceof ApiError && error.code === 'unauthorized' ? 'denied' : 'granted';
    }
    return state.value === 'granted';
  }

  /** The bridge refused the token (at start-up, or later when the server was launched again with a new one). */
  function deny(): void {
    state.value = 'denied';
  }

  return { state, check, deny };
});
