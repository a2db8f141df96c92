import { onMounted, onUnmounted } from 'vue';
import type { EventName } from '@shared/ipc/channels';
import type { EventPayload } from '@shared/ipc/contract';
import { useApi } from '@renderer/api/instance';

/**
 * Listens to a main-side event (`job:done`, `data:changed`…) while the component is mounted: subscribed on mount,
 * unsubscribed on unmount, so that a page left behind never reacts to events again.
 */
export function useApiEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  let stop: (() => void) | null = null;
  onMounted(() => {
    stop = useApi().on(event, listener);
  });
  onUnmounted(() => {
    stop?.();
    stop = null;
  });
}
