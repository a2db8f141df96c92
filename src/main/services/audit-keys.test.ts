import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DecideRequest } from '../../shared/types/reviews';
import { openMigratedDatabase } from '../db/connection';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { createStoreKey, keyFilePath } from '../platform/store-key';
import { TempStore } from '../testing/temp-store';
import type { AppServices } from './app-services';

/**
 * The store's key on a shared store (issue 14): each workstation keeps it in its own key folder, apart from the store.
 * The first one to open a new store creates it; the others are told to import it rather than creating their own (which
 * would break the audit chain for everyone), and a key that is not the store's is refused.
 */

let store: TempStore;
const opened: AppServices[] = [];

beforeEach(async () => {
  store = new TempStore();
  await store.ready();
});
afterEach(async () => {
  for (const services of opened.splice(0)) await services.close();
  await store.cleanup();
});

/** The services of a workstation whose key folder is `name` (each workstation its own). */
async function workstation(name: string, actor = name): Promise<AppServices> {
  const services = await store.open({ keyDir: join(store.dir, `clés-${name}`), actor });
  opened.push(services);
  return services;
}

const legitimate = (key: string): DecideRequest => ({ subjects: [{ kind: 'journey', key }], decision: 'legitimate', comment: '' });

describe('the store key across workstations', () => {
  it('locks a second workstation without the key, and lets it work once the key is exported and imported', async () => {
    const first = await workstation('poste-a');
    await first.reviews.decide(legitimate('TRAJET-1'));
    const second = await workstation('poste-b');
    expect(second.audit.lockReason).toContain(`Clé du journal d’audit introuvable : ${keyFilePath(join(store.dir, 'clés-poste-b'), second.audit.storeId)}`);
    expect(second.audit.lockReason).toContain('atelier db key export --db BASE --out FICHIER, puis ici atelier db key import FICHIER --db BASE');
    await expect(second.reviews.decide(legitimate('TRAJET-2'))).rejects.toThrow('Clé du journal d’audit introuvable');
    // No key of its own was made: its entries would not chain with the first workstation's.
    expect(existsSync(join(store.dir, 'clés-poste-b'))).toBe(false);

    const handed = join(store.dir, 'clé-remise.json');
    first.audit.exportKey(handed);
    expect(() => first.audit.exportKey(handed)).toThrow('Le fichier existe déjà');
    await expect(second.audit.importKey('{"format":"autre"}')).rejects.toThrow('Ce fichier n’est pas une clé de base exportée');
    const installed = await second.audit.importKey(readFileSync(handed, 'utf8'));
    expect(installed).toBe(keyFilePath(join(store.dir, 'clés-poste-b'), second.audit.storeId));
    await expect(second.audit.importKey(readFileSync(handed, 'utf8'))).rejects.toThrow('Une clé de cette base est déjà sur ce poste');

    const reopened = await workstation('poste-b');
    expect(reopened.audit.lockReason).toBeNull();
    await reopened.reviews.decide(legitimate('TRAJET-2'));
    await first.reviews.decide(legitimate('TRAJET-3'));
    for (const services of [first, reopened]) expect(await services.audit.verify()).toMatchObject({ intact: true, decisionsChecked: 3 });
  });

  it('hands the key over through the contract (Paramètres): state, export to the exports folder, import by path, used at once', async () => {
    const first = await workstation('poste-a');
    const second = await workstation('poste-b');
    const [dispatchA, dispatchB] = [first, second].map((services) => createDispatcher(createHandlers(services, 'browser'), { checkResponses: true }));
    const before = await dispatchB?.('audit:key-state', {});
    expect(before).toMatchObject({ ok: true, data: { storeId: first.audit.storeId, problem: expect.stringContaining('Clé du journal d’audit introuvable') as string } });
    expect(await dispatchB?.('audit:key-export', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const exported = await dispatchA?.('audit:key-export', {});
    const file = exported?.ok ? (exported.data as { file: string }).file : '';
    expect(file).toBe(join(first.exports.folder(), `clé-base-${first.audit.storeId}.json`));
    expect(await dispatchA?.('audit:key-export', {})).toMatchObject({ ok: true, data: { file: join(first.exports.folder(), `clé-base-${first.audit.storeId} (2).json`) } });
    expect(await dispatchB?.('audit:key-import', { path: join(store.dir, 'absente.json') })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('fichier introuvable') as string } });

    expect(await dispatchB?.('audit:key-import', { path: file })).toMatchObject({ ok: true, data: { problem: null, keyFile: keyFilePath(join(store.dir, 'clés-poste-b'), first.audit.storeId) } });
    // The same session decides and its entries chain with the other workstation's.
    await second.reviews.decide(legitimate('TRAJET-1'));
    await first.reviews.decide(legitimate('TRAJET-2'));
    for (const services of [first, second]) expect(await services.audit.verify()).toMatchObject({ intact: true, decisionsChecked: 2 });
  });

  it('refuses a key file of this store id that is not its key, at opening and at import', async () => {
    const first = await workstation('poste-a');
    const storeId = first.audit.storeId;
    // A key made elsewhere under the same id (a copy of the store keyed apart, say).
    const foreign = createStoreKey(join(store.dir, 'clés-ailleurs'), storeId, new Date());
    createStoreKey(join(store.dir, 'clés-poste-b'), storeId, new Date());
    const second = await workstation('poste-b');
    expect(second.audit.lockReason).toContain('n’est pas celle de cette base');
    await expect(second.reviews.decide(legitimate('TRAJET-1'))).rejects.toThrow('n’est pas celle de cette base');

    const third = await workstation('poste-c');
    await expect(third.audit.importKey(foreign.exportText(new Date()))).rejects.toThrow('n’est pas la sienne');
    expect(existsSync(keyFilePath(join(store.dir, 'clés-poste-c'), storeId))).toBe(false);
  });

  it('gives a new store one key when two workstations open it at once', async () => {
    // The store exists, migrated and never keyed: a shared database the administrator prepared.
    await (await openMigratedDatabase(store.storeAddress)).destroy();
    const [a, b] = await Promise.all([workstation('poste-a'), workstation('poste-b')]);
    const keyed = [a, b].filter((services) => services.audit.lockReason === null);
    expect(keyed).toHaveLength(1);
    const locked = [a, b].find((services) => services.audit.lockReason !== null);
    expect(locked?.audit.lockReason).toContain('Clé du journal d’audit introuvable');
    // The workstation that lost left no key of its own behind.
    const keyFiles = ['poste-a', 'poste-b'].flatMap((name) => (existsSync(join(store.dir, `clés-${name}`)) ? readdirSync(join(store.dir, `clés-${name}`)).filter((file) => file.endsWith('.key')) : []));
    expect(keyFiles).toHaveLength(1);
    await keyed[0]?.reviews.decide(legitimate('TRAJET-1'));
    expect(await keyed[0]?.audit.verify()).toMatchObject({ intact: true });
  });
});
