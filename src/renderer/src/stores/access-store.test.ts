import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi } from '@renderer/api/fake';
import { setApi } from '@renderer/api/instance';
import { useAccessStore } from './access-store';

beforeEach(() => setActivePinia(createPinia()));

describe('access store', () => {
  it('grants access when app:info answers, and keeps the information', async () => {
    setApi(createFakeApi());
    const access = useAccessStore();
    expect(access.state).toBe('checking');
    expect(await access.check()).toBe(true);
    expect(access.state).toBe('granted');
  });

  it('denies access when the token is refused', async () => {
    setApi(createFakeApi({ 'app:info': () => { throw new ApiError('unauthorized', 'Jeton refusé'); } }));
    const access = useAccessStore();
    expect(await access.check()).toBe(false);
    expect(access.state).toBe('denied');
  });

  it('grants access on any other failure, which the pages then show as their own errors', async () => {
    setApi(createFakeApi({ 'app:info': () => { throw new ApiError('internal', 'Base verrouillée'); } }));
    const access = useAccessStore();
    expect(await access.check()).toBe(true);
  });

  it('keeps a refusal heard while checking', async () => {
    setApi(createFakeApi());
    const access = useAccessStore();
    const checking = access.check();
    access.deny();
    expect(await checking).toBe(false);
    expect(access.state).toBe('denied');
  });
});
