import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDeclarations } from '../declarations/check-declarations';
import { readDeclarationText } from '../declarations/read-declaration-file';
import { createGeoResolver } from '../domain/geo/geo-resolver';
import { loadDecoupageReference } from '../geo/decoupage-reference';
import { AuditService } from '../services/audit-service';
import type { AppServices } from '../services/app-services';
import { declarationFile, declaredLine, writeIn } from '../testing/declaration-fixtures';
import { TempStore } from '../testing/temp-store';
import { knexExecutor } from './knex-executor';
import { createPostgresTrigger, dropTrigger } from './migrations/engine';
import { AuditLogRepository } from './repositories/audit-log-repository';
import { DeclarationRepository } from './repositories/declaration-repository';

/**
 * A batch of declarations is written whole or not at all (docs/declarations.md, « Rien d’écrit à moitié »): a failure
 * of the store half-way through its transaction, or declarations recorded by someone else while its rows were
 * checked, leave the store as it was.
 */

const NOW = new Date('2026-12-07T10:00:00Z');
let store: TempStore;
let services: AppServices;

beforeEach(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
});

afterEach(async () => {
  await store.cleanup();
});

/** What a batch writes, counted. */
async function written(): Promise<Record<string, number>> {
  return {
    declared_trips: await store.count('declared_trips'),
    declaration_batches: await store.count('declaration_batches'),
    declaration_rejected_rows: await store.count('declaration_rejected_rows'),
    audit_entries: Number(((await store.sql()('audit_log').where('action', 'like', 'declarations.%').count({ n: '*' }).first()) as { n: number }).n),
  };
}

const NOTHING = { declared_trips: 0, declaration_batches: 0, declaration_rejected_rows: 0, audit_entries: 0 };

/** Makes every insert into `table` fail with `message`, as a full disk would (trigger `declaration_disk_full`). */
async function failInserts(table: string, message: string): Promise<void> {
  if (store.engine === 'postgres') {
    await createPostgresTrigger(store.sql(), { name: 'declaration_disk_full', table, timing: 'BEFORE INSERT', body: `RAISE EXCEPTION '${message}';` });
  } else {
    await store.sql().raw(`CREATE TRIGGER declaration_disk_full BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`);
  }
}

describe('writing a batch of declarations', () => {
  it('leaves nothing when the store fails half-way (after the journeys, while writing the rows not accepted)', async () => {
    await failInserts('declaration_rejected_rows', 'disque plein (panne simulée)');
    const file = writeIn(store.dir, 'panne.csv', declarationFile([declaredLine(), declaredLine({ declarant: 'agent-2', time: '19:00' }), declaredLine({ from: '00000' })]));
    const done = await services.runner.wait(await services.declarations.importFile(file));
    expect(done).toMatchObject({ status: 'failed' });
    expect(done?.error).toMatch(/disque plein \(panne simulée\)/);
    expect(await written()).toEqual(NOTHING);

    await dropTrigger(store.sql(), 'declaration_disk_full', 'declaration_rejected_rows');
    const again = await services.runner.wait(await services.declarations.importFile(file));
    expect(again?.summary).toMatchObject({ rows: 3, accepted: 2, duplicates: 0, rejected: 1 });
    expect(await written()).toEqual({ declared_trips: 2, declaration_batches: 1, declaration_rejected_rows: 1, audit_entries: 1 });
  });

  it('refuses rows checked before other declarations were recorded, writing nothing', async () => {
    const sql = knexExecutor(store.sql());
    const lines = readDeclarationText(declarationFile([declaredLine({ time: '18:02', from: '95127', to: '95051' })]));
    const checked = await checkDeclarations(lines, {
      db: sql, geo: createGeoResolver(loadDecoupageReference()), pseudonymiser: null, operators: new Map(), now: NOW,
    });
    expect(checked.accepted).toHaveLength(1);
    // Meanwhile, the same declarant records a journey these rows overlap.
    expect((await services.declarations.add({ date: '2024-04-16', time: '18:00', from: '95051', to: '95127', role: 'driver', seats: 1, distanceKm: 12.5, declarant: 'agent-1' })).outcome).toBe('accepted');
    const before = await written();

    const auditLog = new AuditLogRepository(store.sql());
    await AuditService.open(auditLog, 'testeur', () => NOW, { keyDir: store.keyDir });
    const repository = new DeclarationRepository(store.sql(), auditLog);
    await expect(repository.record({ source: 'file', fileName: 'tard.csv', fileSha256: null, jobId: null }, checked, 'testeur', NOW.toISOString())).rejects.toThrow(
      /Des déclarations ont été enregistrées pendant la vérification/,
    );
    expect(await written()).toEqual(before);
  });
});
