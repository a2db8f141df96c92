import { statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/ipc/result';
import type { DecideRequest } from '../../shared/types/reviews';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { TempStore } from '../testing/temp-store';
import type { AppServices } from './app-services';

/**
 * Several investigators on one store (issue 14: a team on a shared PostgreSQL database, the same rule on a SQLite
 * file): two app instances, each with its own connections and its own actor, deciding on the same journey at once.
 */

let store: TempStore;
let agentA: AppServices;
let agentB: AppServices;

beforeEach(async () => {
  store = new TempStore();
  agentA = await store.open({ actor: 'agent-a' });
  agentB = await store.open({ actor: 'agent-b' });
});

afterEach(async () => {
  await store.cleanup();
});

/** The decisions of the store, oldest first, as recorded. */
async function decisions(): Promise<Array<{ id: number; subject_key: string; decision: string; actor: string; previous_id: number | null }>> {
  return store.sql()('review_decisions').orderBy('id').select('id', 'subject_key', 'decision', 'actor', 'previous_id');
}

/** A decision on one journey, taken against the decision its investigator saw on it (none: null). */
function onJourney(key: string, seenDecisionId: number | null, decision: DecideRequest['decision']): DecideRequest {
  return { subjects: [{ kind: 'journey', key, seenDecisionId }], decision, comment: decision === 'confirmed' ? 'anneau fermé' : '' };
}

describe('decisions of several investigators on one store', () => {
  it('refuses the second of two decisions taken at once against the same view, naming who decided, then takes it once reloaded', async () => {
    const settled = await Promise.allSettled([
      agentA.reviews.decide(onJourney('TRAJET-1', null, 'confirmed')),
      agentB.reviews.decide(onJourney('TRAJET-1', null, 'legitimate')),
    ]);
    expect(settled.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const [first] = await decisions();
    const refused = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected')?.reason as unknown;
    expect(refused).toBeInstanceOf(UserError);
    expect(refused).toMatchObject({ code: 'conflict', message: `Ce trajet a été décidé entre-temps par ${first?.actor} : rechargez la fiche.` });
    // Nothing of the refused decision was written: one decision, one entry.
    expect(await decisions()).toHaveLength(1);
    expect(await store.count('audit_log')).toBe(1);

    // Reloaded, the other investigator revises the decision it now sees.
    const other = first?.actor === 'agent-a' ? agentB : agentA;
    await other.reviews.decide(onJourney('TRAJET-1', first?.id ?? null, 'info_requested'));
    expect((await decisions()).map((row) => [row.actor, row.decision, row.previous_id])).toEqual([
      [first?.actor, first?.decision, null],
      [other.audit.actor, 'info_requested', first?.id],
    ]);
    // A decision against one that is no longer the latest is refused too.
    await expect(agentA.reviews.decide(onJourney('TRAJET-1', first?.id ?? null, 'legitimate'))).rejects.toThrow(
      `Ce trajet a été décidé entre-temps par ${other.audit.actor} : rechargez la fiche.`,
    );
    for (const services of [agentA, agentB]) expect((await services.audit.verify()).intact).toBe(true);
  });

  it('gives each subject of many decisions taken at once by two instances one chain of decisions, and keeps the audit chain whole', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `TRAJET-${i + 1}`);
    // Each agent decides every journey twice against what it saw at first (nothing): one of the four wins per journey.
    const attempts = [agentA, agentB, agentA, agentB].flatMap((services) => keys.map((key) => services.reviews.decide(onJourney(key, null, 'legitimate'))));
    const settled = await Promise.allSettled(attempts);
    expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(keys.length);
    for (const result of settled) if (result.status === 'rejected') expect((result.reason as UserError).code).toBe('conflict');
    const rows = await decisions();
    expect(rows.map((row) => row.subject_key).sort()).toEqual([...keys].sort());
    expect(rows.every((row) => row.previous_id === null)).toBe(true);
    // A person decided meanwhile is refused in its own words.
    await agentA.reviews.decide({ subjects: [{ kind: 'person', key: 'PERSONNE-1', seenDecisionId: null }], decision: 'info_requested', comment: '' });
    await expect(agentB.reviews.decide({ subjects: [{ kind: 'person', key: 'PERSONNE-1', seenDecisionId: null }], decision: 'legitimate', comment: '' })).rejects.toThrow(
      'Cette personne a fait l’objet d’une décision entre-temps par agent-a : rechargez la fiche.',
    );
    const verification = await agentB.audit.verify();
    expect(verification).toMatchObject({ intact: true, entries: keys.length + 1, decisionsChecked: keys.length + 1 });
  });

  it('refuses a whole bulk decision when one of its rows was decided meanwhile, and writes none of it', async () => {
    await agentA.reviews.decide(onJourney('TRAJET-2', null, 'info_requested'));
    const [standing] = await decisions();
    await agentB.reviews.decide(onJourney('TRAJET-3', null, 'legitimate'));
    const bulk: DecideRequest = {
      subjects: [
        { kind: 'journey', key: 'TRAJET-1', seenDecisionId: null },
        { kind: 'journey', key: 'TRAJET-2', seenDecisionId: standing?.id ?? null },
        { kind: 'journey', key: 'TRAJET-3', seenDecisionId: null },
      ],
      decision: 'confirmed',
      comment: 'même conducteur sur trois trajets simultanés',
    };
    await expect(agentA.reviews.decide(bulk)).rejects.toThrow(
      'Un des 3 trajets choisis a été décidé entre-temps par agent-b : rien n’a été enregistré. Reprenez la sélection dans la file rechargée.',
    );
    expect(await decisions()).toHaveLength(2);
    expect(await store.count('audit_log')).toBe(2);
    // Taken again against what the reloaded queue shows, it revises both earlier decisions and decides the first row.
    const [, third] = await decisions();
    await agentA.reviews.decide({ ...bulk, subjects: bulk.subjects.map((subject) => (subject.key === 'TRAJET-3' ? { ...subject, seenDecisionId: third?.id ?? null } : subject)) });
    expect((await decisions()).slice(2).map((row) => [row.subject_key, row.decision, row.previous_id])).toEqual([
      ['TRAJET-1', 'confirmed', null],
      ['TRAJET-2', 'confirmed', standing?.id],
      ['TRAJET-3', 'confirmed', third?.id],
    ]);
    const persons: DecideRequest = { subjects: ['PERSONNE-1', 'PERSONNE-2'].map((key) => ({ kind: 'person', key, seenDecisionId: null })), decision: 'legitimate', comment: '' };
    await agentB.reviews.decide({ ...persons, subjects: persons.subjects.slice(1) });
    await expect(agentA.reviews.decide(persons)).rejects.toThrow('Une des 2 personnes choisies a fait l’objet d’une décision entre-temps par agent-b');
  });

  it('answers a conflict through the contract as `conflict`, with its French message', async () => {
    const dispatch = createDispatcher(createHandlers(agentB, 'browser'), { checkResponses: true });
    await agentA.reviews.decide(onJourney('TRAJET-9', null, 'confirmed'));
    expect(await dispatch('checks:decide', onJourney('TRAJET-9', null, 'legitimate'))).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Ce trajet a été décidé entre-temps par agent-a : rechargez la fiche.' },
    });
    // Without a decision seen (command line, scripts), a decision revises the latest as before.
    expect(await dispatch('checks:decide', { subjects: [{ kind: 'journey', key: 'TRAJET-9' }], decision: 'legitimate', comment: '' })).toEqual({ ok: true, data: { decided: 1 } });
  });

  it('records who decided: the actor of the instance, by default the PostgreSQL role on a shared store, else the system user', async () => {
    const unnamed = await store.open({ actor: undefined });
    const expected = store.engine === 'postgres' ? decodeURIComponent(new URL(store.storeAddress).username) : userInfo().username;
    expect(unnamed.audit.actor).toBe(expected);
    await unnamed.reviews.decide(onJourney('TRAJET-3', null, 'legitimate'));
    await agentA.reviews.decide(onJourney('TRAJET-4', null, 'legitimate'));
    expect((await decisions()).map((row) => [row.subject_key, row.actor])).toEqual([['TRAJET-3', expected], ['TRAJET-4', 'agent-a']]);
    const entries = (await store.sql()('audit_log').orderBy('id').select('actor', 'after_json')) as Array<{ actor: string; after_json: string }>;
    expect(entries.map((entry) => [entry.actor, (JSON.parse(entry.after_json) as { actor: string }).actor])).toEqual([[expected, expected], ['agent-a', 'agent-a']]);
  });

  it('signs with the name the agent saved in Paramètres, beside the account, from the next start', async () => {
    const account = store.engine === 'postgres' ? decodeURIComponent(new URL(store.storeAddress).username) : userInfo().username;
    const first = await store.open({ actor: undefined });
    expect(await first.agentName.get()).toEqual({ actor: account, account, savedName: null, problem: null });
    expect(await first.agentName.save({ name: 'Marie Durand' })).toEqual({ actor: account, account, savedName: 'Marie Durand', problem: null });
    if (process.platform !== 'win32') expect(statSync(join(store.dir, 'poste.json')).mode & 0o777).toBe(0o600);

    const next = await store.open({ actor: undefined });
    expect(next.audit.actor).toBe(`Marie Durand (${account})`);
    await next.reviews.decide(onJourney('TRAJET-5', null, 'legitimate'));
    expect((await decisions()).map((row) => row.actor)).toEqual([`Marie Durand (${account})`]);

    // Emptied, the account signs alone again; a file that cannot be read is said, and the account signs.
    await next.agentName.save({ name: '' });
    expect((await store.open({ actor: undefined })).audit.actor).toBe(account);
    writeFileSync(join(store.dir, 'poste.json'), '{"agentName": 42}');
    const unreadable = await store.open({ actor: undefined });
    expect(unreadable.audit.actor).toBe(account);
    expect((await unreadable.agentName.get()).problem).toMatch(/^Nom de l’agent illisible \(.*poste\.json\) : contenu inattendu/);
  });
});
