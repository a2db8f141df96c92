import type { Api, PreloadBridge } from '@shared/ipc/api';
import { isEventName, type Channel, type EventName } from '@shared/ipc/channels';
import { contract, events, type EventPayload, type Req, type Res } from '@shared/ipc/contract';
import { ApiError, type Result } from '@shared/ipc/result';

/** Raw transport: sends a call and answers the envelope; subscribes to raw push events. */
export interface Transport {
  call(channel: Channel, payload: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

/**
 * Builds the typed `Api` over a transport: unwraps envelopes into data or `ApiError`, and checks
 * answers and events against the contract so that drift between the two sides shows at once.
 */
export function createApi(transport: Transport): Api {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let unsubscribe: (() => void) | null = null;

  function dispatch(event: EventName, payload: unknown): void {
    const parsed = events[event].safeParse(payload);
    if (!parsed.success) {
      console.error(`Événement ${event} non conforme au contrat`, parsed.error.issues);
      return;
    }
    for (const listener of listeners.get(event) ?? []) listener(parsed.data);
  }

  return {
    async invoke<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
      const result = await transport.call(channel, req);
      if (!result.ok) throw new ApiError(result.error.code, result.error.message);
      const parsed = contract[channel].res.safeParse(result.data);
      if (!parsed.success) throw new ApiError('internal', `Réponse non conforme au contrat pour ${channel}`);
      return parsed.data as Res<C>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      unsubscribe ??= transport.subscribe(dispatch);
      const set = listeners.get(event) ?? new Set();
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      listeners.set(event, set);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}

/** Transport over the Electron preload bridge (`window.atelier`). */
export function electronTransport(bridge: PreloadBridge): Transport {
  return {
    call: (channel, payload) => bridge.invoke(channel, payload),
    subscribe(listener) {
      const offs = (Object.keys(events) as EventName[]).map((event) =>
        bridge.on(event, (payload) => listener(event, payload)),
      );
      return () => offs.forEach((off) => off());
    },
  };
}

/** Options of the HTTP transport. */
export interface HttpTransportOptions {
  /** Replaces the global `fetch` (tests). */
  fetch?: typeof fetch;
  /**
   * Called whenever the bridge refuses the token (`401`): the page was opened without it, with a wrong one, or the
   * server was launched again since (a new token each launch). Calls still answer an `unauthorized` error.
   */
  onUnauthorized?: () => void;
}

/**
 * Transport over the loopback HTTP bridge (browser mode): `POST /api/<channel>` with the launch token as a
 * bearer, and push events read from the `GET /api/events` server-sent-event stream.
 */
export function httpTransport(baseUrl: string, token: string, options: HttpTransportOptions = {}): Transport {
  const fetchImpl = options.fetch ?? fetch;
  const onUnauthorized = options.onUnauthorized ?? (() => undefined);
  const headers = { Authorization: `Bearer ${token}` };
  return {
    async call(channel, payload) {
      const response = await fetchImpl(`${baseUrl}/api/${channel}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(payload ?? {}),
      });
      if (response.status === 401) {
        onUnauthorized();
        return { ok: false, error: { code: 'unauthorized', message: 'Jeton d’accès absent ou invalide : rouvrez l’adresse affichée au lancement.' } };
      }
      return (await response.json()) as Result<unknown>;
    },
    subscribe(listener) {
      const controller = new AbortController();
      void readEventStream(`${baseUrl}/api/events`, headers, controller.signal, listener, fetchImpl, onUnauthorized);
      return () => controller.abort();
    },
  };
}

/**
 * Reads a server-sent-event stream with fetch (EventSource cannot send the bearer token), reconnecting on loss, but
 * not after the token is refused: the same token would be refused every second for nothing.
 */
async function readEventStream(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  listener: (event: EventName, payload: unknown) => void,
  fetchImpl: typeof fetch,
  onUnauthorized: () => void,
): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await fetchImpl(url, { headers, signal });
      if (response.status === 401) {
        onUnauthorized();
        return;
      }
      if (!response.ok || !response.body) throw new Error(`flux d’événements : HTTP ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (isEventName(name) && data !== undefined) listener(name, JSON.parse(data));
          end = buffer.indexOf('\n\n');
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      console.warn('Flux d’événements interrompu, reconnexion', error);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
