import { describe, expect, it, vi } from 'vitest';
import { httpTransport } from './client';

/** A fetch that answers every request with `status` (and an empty JSON body), recording the URLs asked. */
function answering(status: number) {
  const urls: string[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL) => {
    urls.push(String(input));
    return new Response(status === 401 ? JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'Jeton' } }) : '{}', { status });
  });
  return { fetchImpl: fetchImpl as unknown as typeof fetch, urls };
}

describe('httpTransport', () => {
  it('answers a refused token with an unauthorized error and says so once per refusal', async () => {
    const { fetchImpl } = answering(401);
    const onUnauthorized = vi.fn();
    const transport = httpTransport('http://127.0.0.1:1', 'faux', { fetch: fetchImpl, onUnauthorized });
    const result = await transport.call('app:info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('stops listening to events once the token is refused, instead of asking again every second', async () => {
    vi.useFakeTimers();
    try {
      const { fetchImpl, urls } = answering(401);
      const onUnauthorized = vi.fn();
      const transport = httpTransport('http://127.0.0.1:1', '', { fetch: fetchImpl, onUnauthorized });
      const stop = transport.subscribe(() => undefined);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(urls).toEqual(['http://127.0.0.1:1/api/events']);
      expect(onUnauthorized).toHaveBeenCalledTimes(1);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('reconnects to the events after any other failure', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { fetchImpl, urls } = answering(503);
      const onUnauthorized = vi.fn();
      const stop = httpTransport('http://127.0.0.1:1', 'jeton', { fetch: fetchImpl, onUnauthorized }).subscribe(() => undefined);
      await vi.advanceTimersByTimeAsync(2_500);
      expect(urls.length).toBeGreaterThanOrEqual(3);
      expect(onUnauthorized).not.toHaveBeenCalled();
      stop();
    } finally {
      warn.mockRestore();
      vi.useRealTimers();
    }
  });
});
