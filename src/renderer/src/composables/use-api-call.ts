import { shallowRef } from 'vue';

/**
 * The error of a page's calls to the main-side services, shown by `ApiErrorAlert`. `attempt` runs an action, clears
 * the previous error first and keeps the new one instead of letting it escape to an unhandled rejection: one error
 * at a time, the latest action's.
 */
export function useApiCall() {
  const error = shallowRef<unknown>(null);

  /** Runs `action`; answers whether it succeeded (the error is in `error` otherwise). */
  async function attempt(action: () => Promise<unknown>): Promise<boolean> {
    error.value = null;
    try {
      await action();
      return true;
    } catch (cause) {
      error.value = cause;
      return false;
    }
  }

  return { error, attempt };
}
