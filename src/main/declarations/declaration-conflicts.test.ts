import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../services/app-services';
import { pdfText, TEST_ISSUER } from '../testing/attestation-fixtures';
import { importRegistry, REGISTRY_DRIVER } from '../testing/declaration-fixtures';
import { TempStore } from '../testing/temp-store';

/**
 * Declared journeys in the review workflow and in attestations, on a real store: journeys declared first, then a
 * registry extract that contradicts one of them (its driver elsewhere at the time), a scan of the store: D01 flags the
 * overlap with the registry journey and the two declarations of one declarant that share time; the review queue
 * lists their persons and journey; an attestation of the registry's driver shows the declared journey apart.
 */

const NOW = new Date('2026-12-07T10:00:00Z');
const DAY = '2024-04-16';
let store: TempStore;
let services: AppServices;

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  const declare = (time: string, from: string, to: string, declarant: string, distanceKm: number, carpooler?: string) =>
    services.declarations.add({ date: DAY, time, from, to, role: 'driver', seats: 1, distanceKm, declarant, ...(carpooler ? { carpooler } : {}) });
  // Before the extract: nothing contradicts them yet.
  expect((await declare('08:15', '95127', '95051', 'agent-1', 12, REGISTRY_DRIVER)).outcome).toBe('accepted');
  expect((await declare('18:00', '95051', '95127', 'agent-2', 12.5)).outcome).toBe('accepted');
  // 12.5 km take at least 6 minutes, about 15 at the usual speed: possibly the same person in two cars.
  expect((await declare('18:10', '95127', '95051', 'agent-2', 12.5)).outcome).toBe('accepted');
  // The registry's journey of the same driver: Beauchamp → Cergy, 08:10–08:30.
  await importRegistry(services, store.dir, [{}]);
});

afterAll(async () => {
  await store.cleanup();
});

/** Runs a scan of a scope and waits for it. */
async function scan(scope: { from?: string; to?: string }): Promise<void> {
  const done = await services.runner.wait(await services.checks.scan(scope));
  expect(done?.status, done?.error ?? undefined).toBe('done');
}

describe('D01, declarations in conflict', () => {
  it('flags a declaration overlapping a registry journey of its carpooler, and two declarations of one declarant sharing time', async () => {
    await scan({});
    const flags = await services.checks.flags('D01');
    expect(flags.map((flag) => [flag.severity, flag.evidence.kind, flag.evidence.overlap, flag.evidence.otherSource, flag.persons])).toEqual([
      ['high', 'declared_overlap', 'certain', 'registry_journey', [REGISTRY_DRIVER]],
      ['warning', 'declared_overlap', 'possible', 'declared_journey', ['d:agent-2']],
    ]);
    expect(flags[0]?.journeyKeys[0]).toMatch(/^decl:[0-9a-f]{64}$/);
    expect(flags[0]?.journeyKeys[1]).toBe('j:48000001');
    const summary = await services.checks.summary();
    expect(summary.checks.find((check) => check.id === 'D01@1')).toMatchObject({ label: 'Déclaration en conflit', flags: 2 });
  });

  it('puts them in the review queue: the persons, and the registry journey the declaration contradicts', async () => {
    const persons = await services.reviews.page({ kind: 'persons', check: 'D01' });
    expect(persons.persons.map((row) => row.person).sort()).toEqual([REGISTRY_DRIVER, 'd:agent-2'].sort());
    const journeys = await services.reviews.page({ kind: 'journeys', check: 'D01' });
    expect(journeys.journeys.map((row) => row.naturalKey)).toEqual(['j:48000001']);
    const detail = await services.reviews.person('d:agent-2');
    expect(detail.flags.map((flag) => [flag.checkId, flag.label])).toEqual([['D01@1', 'Déclaration en conflit']]);
  });

  it('replaces its flags on a scan of the declarations’ days instead of adding to them', async () => {
    await scan({ from: DAY, to: DAY });
    expect(await services.checks.flags('D01')).toHaveLength(2);
  });
});

describe('attestations and declared journeys', () => {
  it('show the declared journeys of the person apart, labelled as declared, never in the registry figures', async () => {
    await services.settings.set('attestations.issuerName', TEST_ISSUER.name);
    await services.settings.set('attestations.issuerSiret', TEST_ISSUER.siret);
    const { attestation, file } = await services.attestations.create({ person: { kind: 'identity', identityKey: REGISTRY_DRIVER }, from: '2024-04-01', to: '2024-04-30' });
    expect(attestation.figures.totals).toMatchObject({ journeysAsDriver: 1, journeysAsPassenger: 0, days: 1, distanceM: 17_050 });
    expect(attestation.figures.declared?.totals).toEqual({ journeysAsDriver: 1, journeysAsPassenger: 0, days: 1, distanceM: 12_000 });
    expect(attestation.figures.declared?.months).toEqual([{ month: '2024-04', journeysAsDriver: 1, journeysAsPassenger: 0, days: 1, distanceM: 12_000 }]);
    const text = pdfText(file);
    expect(text).toContain('Trajets déclarés (hors registre)');
    expect(text).toMatch(/Trajets déclarés comme conducteur\s+1/);
    expect(text).toMatch(/Trajets effectués comme conducteur\s+1/);
    expect((await services.attestations.verifyFile(file)).authentic).toBe(true);
  });
});
