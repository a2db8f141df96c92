import type { Channel, EventName } from './channels';
import type { EventPayload, Req, Res } from './contract';
import type { Result } from './result';

/** What the renderer uses to reach the main side; implemented over Electron IPC and over the HTTP bridge. */
export interface Api {
  /** Calls a channel; rejects with `ApiError` when the main side answers an error. */
  invoke<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>>;
  /** Subscribes to a push event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/**
 * The raw bridge the preload exposes as `window.atelier`: untyped at runtime, allowlisted by the preload.
 * The renderer wraps it into an `Api`.
 */
export interface PreloadBridge {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Path on disk of a file dropped on the page (empty for anything that is not a local file). */
  pathForFile(file: File): string;
}
