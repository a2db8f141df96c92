import type { EventName } from '../../shared/ipc/channels';
import type { EventPayload } from '../../shared/ipc/contract';

export type BusListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * Fan-out of push events from services to every transport (Electron windows, HTTP bridge streams, CLI).
 * A listener that throws is isolated so one broken transport cannot stop the others.
 */
export class EventBus {
  private readonly listeners = new Set<BusListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        console.error(`Diffusion de ${event} impossible`, error);
      }
    }
  }

  /** Returns the function that unsubscribes. */
  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
