import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/ipc/channels';
import { UserError, type Result } from '../../shared/ipc/result';
import { settingDefaults } from '../../shared/types/settings';
import { createDispatcher } from './dispatcher';
import type { Handlers } from './handlers';

/** Handlers that record their calls; each test sets the answers it needs. */
function spyHandlers(): { [C in keyof Handlers]: ReturnType<typeof vi.fn<Handlers[C]>> } {
  const refuse = async (): Promise<never> => {
    throw new Error('handler inattendu');
  };
  return Object.fromEntries(CHANNELS.map((channel) => [channel, vi.fn(refuse)])) as never;
}

function errorOf(result: Result<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error(`réponse inattendue : ${JSON.stringify(result.data)}`);
  return result.error;
}

let handlers: ReturnType<typeof spyHandlers>;
let consoleError: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  handlers = spyHandlers();
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  consoleError.mockRestore();
});

describe('createDispatcher', () => {
  it('answers ok with the handler’s data after validating the request', async () => {
    handlers['demo:start'].mockResolvedValue({ jobId: 'j1' });
    const dispatch = createDispatcher(handlers);
    expect(await dispatch('demo:start', { trips: 1_000, seed: 4 })).toEqual({ ok: true, data: { jobId: 'j1' } });
    expect(handlers['demo:start']).toHaveBeenCalledWith({ trips: 1_000, seed: 4 });
  });

  it('treats a missing payload as an empty request', async () => {
    handlers['settings:list'].mockResolvedValue(settingDefaults);
    const dispatch = createDispatcher(handlers);
    expect(await dispatch('settings:list', undefined)).toEqual({ ok: true, data: settingDefaults });
    expect(await dispatch('settings:list', null)).toEqual({ ok: true, data: settingDefaults });
  });

  it('refuses an unknown channel without calling anything', async () => {
    const dispatch = createDispatcher(handlers);
    const error = errorOf(await dispatch('db:drop', {}));
    expect(error.code).toBe('unknown_channel');
    expect(error.message).toContain('Canal inconnu : db:drop');
    expect(errorOf(await dispatch('__proto__', {})).code).toBe('unknown_channel');
    expect(errorOf(await dispatch('toString', {})).code).toBe('unknown_channel');
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an invalid request in French, naming the field, and never calls the handler', async () => {
    const dispatch = createDispatcher(handlers);
    const error = errorOf(await dispatch('demo:start', { trips: 5 }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('Requête invalide pour demo:start');
    expect(error.message).toContain('trips : ');
    expect(error.message).toContain('100');
    expect(error.message).not.toMatch(/Too small|expected/);
    expect(handlers['demo:start']).not.toHaveBeenCalled();
  });

  it('refuses unknown fields and a request that is not an object', async () => {
    const dispatch = createDispatcher(handlers);
    const extra = errorOf(await dispatch('jobs:cancel', { jobId: 'j1', force: true }));
    expect(extra.code).toBe('invalid_input');
    expect(extra.message).toContain('force');
    const notObject = errorOf(await dispatch('store:info', 'tout'));
    expect(notObject.code).toBe('invalid_input');
    expect(notObject.message).toContain('requête : ');
    expect(handlers['jobs:cancel']).not.toHaveBeenCalled();
    expect(handlers['store:info']).not.toHaveBeenCalled();
  });

  it('refuses settings:set with a value of the wrong type for its key', async () => {
    const dispatch = createDispatcher(handlers);
    const wrongType = errorOf(await dispatch('settings:set', { key: 'demo.defaultTrips', value: 'beaucoup' }));
    expect(wrongType.code).toBe('invalid_input');
    expect(wrongType.message).toContain('value : valeur invalide pour demo.defaultTrips');
    expect(errorOf(await dispatch('settings:set', { key: 'demo.offerAnswered', value: 1 })).message).toContain('valeur invalide pour demo.offerAnswered');
    expect(errorOf(await dispatch('settings:set', { key: 'demo.defaultTrips', value: 10 })).code).toBe('invalid_input');
    expect(errorOf(await dispatch('settings:set', { key: 'theme', value: 'sombre' })).message).toContain('key : ');
    expect(handlers['settings:set']).not.toHaveBeenCalled();

    handlers['settings:set'].mockResolvedValue({ ...settingDefaults, 'demo.defaultTrips': 500 });
    expect((await dispatch('settings:set', { key: 'demo.defaultTrips', value: 500 })).ok).toBe(true);
    expect(handlers['settings:set']).toHaveBeenCalledWith({ key: 'demo.defaultTrips', value: 500 });
  });

  it('passes a UserError’s code and message through', async () => {
    handlers['demo:start'].mockRejectedValue(new UserError('conflict', 'Un chargement est déjà en cours'));
    const dispatch = createDispatcher(handlers);
    expect(await dispatch('demo:start', {})).toEqual({ ok: false, error: { code: 'conflict', message: 'Un chargement est déjà en cours' } });
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('turns any other thrown error into internal, and logs it', async () => {
    handlers['store:info'].mockRejectedValue(new Error('SQLITE_CORRUPT'));
    const dispatch = createDispatcher(handlers);
    const error = errorOf(await dispatch('store:info', {}));
    expect(error.code).toBe('internal');
    expect(error.message).toContain('Erreur interne');
    expect(error.message).toContain('SQLITE_CORRUPT');
    expect(consoleError).toHaveBeenCalledTimes(1);
  });

  it('with checkResponses, catches an answer that does not fit the contract', async () => {
    handlers['demo:start'].mockResolvedValue({ jobId: 42 } as never);
    const verification = {
      entries: 3, intact: true, firstBrokenId: null, firstBroken: null, problems: [], keyedEntries: 3, legacyEntries: 0,
      decisionsChecked: 0, settingsChecked: 0, anchoredEntryId: 3, keyFile: '/cles/base.key',
    };
    handlers['audit:verify'].mockResolvedValue(verification);

    const checked = createDispatcher(handlers, { checkResponses: true });
    const error = errorOf(await checked('demo:start', {}));
    expect(error.code).toBe('internal');
    expect(error.message).toContain('Réponse non conforme pour demo:start');
    expect(error.message).toContain('jobId');
    expect(await checked('audit:verify', {})).toEqual({ ok: true, data: verification });

    // Without the option the answer goes out as it is (production path).
    expect(await createDispatcher(handlers)('demo:start', {})).toEqual({ ok: true, data: { jobId: 42 } });
  });
});
