import type { Api } from '@shared/ipc/api';

let current: Api | null = null;

/**
 * Registers the `Api` the whole renderer talks through: `connectApi()` at start-up, a fake in tests.
 * Stores and composables never reach `window.*` themselves, so that they stay testable.
 */
export function setApi(api: Api): void {
  current = api;
}

/** The registered `Api`; throws when `setApi` was not called first, a wiring mistake better caught loudly. */
export function useApi(): Api {
  if (!current) throw new Error('API non initialisée : setApi() doit être appelé au démarrage.');
  return current;
}
