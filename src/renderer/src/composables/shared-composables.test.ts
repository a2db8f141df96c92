import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createFakeApi } from '@renderer/api/fake';
import { setApi } from '@renderer/api/instance';
import { latestRequest } from './latest-request';
import { useApiCall } from './use-api-call';
import { useApiEvent } from './use-api-event';

describe('useApiCall', () => {
  it('keeps the latest failure, clears it on the next attempt, and says whether the action succeeded', async () => {
    const { error, attempt } = useApiCall();
    expect(await attempt(() => Promise.reject(new Error('refusé')))).toBe(false);
    expect((error.value as Error).message).toBe('refusé');
    expect(await attempt(() => Promise.resolve())).toBe(true);
    expect(error.value).toBeNull();
  });
});

describe('latestRequest', () => {
  it('drops the answer of a request overtaken by a newer one', async () => {
    const run = latestRequest();
    let release: (value: string) => void = () => undefined;
    const slow = run(() => new Promise<string>((resolve) => (release = resolve)));
    const fast = run(() => Promise.resolve('récent'));
    release('ancien');
    expect(await slow).toBeUndefined();
    expect(await fast).toBe('récent');
  });
});

describe('useApiEvent', () => {
  it('listens while mounted only', () => {
    const api = createFakeApi();
    setApi(api);
    const seen: string[] = [];
    const Listener = defineComponent({
      setup() {
        useApiEvent('data:changed', ({ tables }) => seen.push(tables.join(',')));
        return () => h('p');
      },
    });
    const wrapper = mount(Listener);
    api.emit('data:changed', { tables: ['trips'] });
    wrapper.unmount();
    api.emit('data:changed', { tables: ['stats'] });
    expect(seen).toEqual(['trips']);
  });
});
