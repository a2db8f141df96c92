import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { ApiError } from '@shared/ipc/result';
import { settingDefaults } from '@shared/types/settings';
import { createFakeApi, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { FAKE_PERSONS } from '@renderer/api/fake-reviews';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import ChecksView from './ChecksView.vue';

enableAutoUnmount(afterEach);

// happy-dom has no 2D canvas: charts are stubbed, their data tables are what is tested (see StatsView.test.ts).
vi.mock('vue-chartjs', () => {
  const stub = defineComponent({ props: { data: { type: Object, required: true } }, setup: () => () => h('canvas') });
  return { Bar: stub, Line: stub, Doughnut: stub };
});

const NNBSP = '\u202f';
const NBSP = '\u00a0';

async function mountChecks(overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi(overrides);
  const { wrapper } = mountWithApp(ChecksView, api);
  await flushPromises();
  return { api, wrapper };
}

function requests(api: FakeApi, channel: string): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

/** A DSFR field's own element, whether the test id landed on it or on its wrapper. */
const field = (wrapper: VueWrapper, testId: string, tag: 'input' | 'select') => wrapper.get(`${tag}[data-testid="${testId}"], [data-testid="${testId}"] ${tag}`);

const rowKeys = (wrapper: VueWrapper): Array<string | undefined> => wrapper.findAll('[data-testid="queue-row"]').map((row) => row.attributes('data-key'));

describe('ChecksView — page', () => {
  it('opens on the review queue under the exclusions banner when a scan exists', async () => {
    const { wrapper } = await mountChecks();
    expect(wrapper.get('[data-testid="exclusions-banner"]').text()).toBe(
      `1 trajet exclu des simulations et des exports (fraude confirmée : 1 trajet, aucune personne ; incitations concernées : 4,50${NBSP}€).`,
    );
    expect(wrapper.get('#checks-tab-queue').attributes('aria-selected')).toBe('true');
    expect(document.documentElement.dataset.appReady).toBe('true');
  });

  it('opens on Analyses before any scan, and scans the whole store or a period and territory as a job', async () => {
    const { api, wrapper } = await mountChecks({ 'checks:summary': () => ({ run: null, checks: [] }) });
    expect(wrapper.get('#checks-tab-analyses').attributes('aria-selected')).toBe('true');
    expect(wrapper.get('[data-testid="checks-run"]').text()).toBe('Aucune analyse pour le moment.');

    await wrapper.get('[data-testid="scan-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="checks-analyses"] [data-testid="job-progress"]').text()).toContain('Contrôles anti-fraude');

    await wrapper.get('[data-testid="scan-scope-period"]').setValue(true);
    await field(wrapper, 'scan-from', 'input').setValue('2026-10-01');
    await wrapper.get('[data-testid="scan-form"]').trigger('submit');
    expect(wrapper.get('[data-testid="scan-form"]').text()).toContain('Indiquez le début et la fin de la période.');

    await field(wrapper, 'scan-to', 'input').setValue('2026-10-31');
    await field(wrapper, 'scan-level', 'select').setValue('dep');
    await field(wrapper, 'scan-code', 'input').setValue('44');
    await wrapper.get('[data-testid="scan-form"]').trigger('submit');
    await flushPromises();
    expect(requests(api, 'checks:scan')).toEqual([{}, { from: '2026-10-01', to: '2026-10-31', territory: { level: 'dep', code: '44' } }]);
  });

  it('reloads the summary, the queue and the exclusions when a scan ends', async () => {
    const { api } = await mountChecks();
    const before = api.calls.length;
    api.emit('job:done', { jobId: 'job-9', kind: 'checks.scan', status: 'done', summary: {}, error: null });
    await flushPromises();
    expect(api.calls.slice(before).map((call) => call.channel).sort()).toEqual(['checks:exclusions', 'checks:queue', 'checks:summary']);
  });

  it('keeps the counts per check and shows a check’s flags with readable evidence', async () => {
    const { api, wrapper } = await mountChecks();
    expect(wrapper.get('[data-testid="checks-run"]').text()).toBe(`Dernière analyse (n° 3) le 20/11/2026 11:00:00 : 12${NNBSP}000 trajets, 41 signalements.`);
    expect(wrapper.get('[data-testid="check-show-T07@1"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="check-show-T04@1"]').trigger('click');
    await flushPromises();
    expect(requests(api, 'checks:flags')).toEqual([{ checkId: 'T04@1', limit: 200 }]);
    expect(wrapper.get('[data-testid="flag-row"] [data-testid="evidence"]').text()).toContain(`Vitesse moyenne212,4${NBSP}km/hSeuil de vitesse130${NBSP}km/h`);
  });
});

describe('ChecksView — review queue', () => {
  it('lists flagged journeys most serious first, with the totals over every page and the registry’s status counted apart', async () => {
    const { api, wrapper } = await mountChecks();
    expect(requests(api, 'checks:queue')).toEqual([{ kind: 'journeys', group: 'own', hidden: [], offset: 0, limit: 50 }]);
    expect(wrapper.get('[data-testid="queue-total"]').text()).toBe(`5 trajets signalés, 10,30${NBSP}€ d’incitations en jeu.`);
    // Severity, then distinct checks, then money: j:48000004 (4,50 €, one warning) comes after the high ones.
    expect(rowKeys(wrapper)).toEqual(['j:48000001', 'j:48000002', 'j:48000003', 'j:48000004', 'j:48000005']);
    const first = wrapper.get('[data-testid="queue-row"]');
    expect(first.text()).toContain('03/10/2026 07:40');
    expect(first.text()).toContain('Nantes → Ancenis-Saint-Géréon');
    expect(first.get('[data-testid="queue-at-risk"]').text()).toBe(`2,50${NBSP}€`);
    const tags = first.findAll('[data-testid="check-tag"]');
    expect(tags.map((tag) => tag.text())).toEqual(['G02@1', 'H02@1', 'T04@1']);
    expect(tags[2]?.attributes('title')).toBe('Vitesse moyenne invraisemblable — Vitesse moyenne au-delà du seuil.');
    expect(first.get('[data-testid="queue-checks"]').text()).toContain('T04@1 (Vitesse moyenne invraisemblable)');
    expect(wrapper.findAll('[data-testid="queue-row"]')[3]?.get('[data-testid="decision-badge"]').text()).toBe('Fraude confirmée');

    // The journey whose flags only repeat the registry's verdict is in a group of its own, one click away.
    expect(wrapper.get('label[for$="-own"]').text()).toBe('Signalements propres (5)');
    expect(wrapper.get('label[for$="-registry"]').text()).toBe('Statut du registre seulement (1)');
    await wrapper.get('[data-testid="queue-group-registry"]').setValue(true);
    await flushPromises();
    expect(requests(api, 'checks:queue').at(-1)).toEqual({ kind: 'journeys', group: 'registry', hidden: [], offset: 0, limit: 50 });
    expect(rowKeys(wrapper)).toEqual(['j:48000007']);
    expect(wrapper.get('[data-testid="queue-total"]').text()).toBe(`1 trajet signalé, 3,00${NBSP}€ d’incitations en jeu.`);
    expect(wrapper.findAll('[data-testid="check-tag"]').map((tag) => tag.text())).toEqual(['T09@1', 'T11@1']);
    expect(wrapper.get('[data-testid="review-queue"]').text()).toContain('reprennent le statut publié par le registre');
  });

  it('hides a check from the queue without disabling it, remembers it, and says how many rows it left out', async () => {
    const { api, wrapper } = await mountChecks();
    const legend = wrapper.get('[data-testid="queue-legend"]');
    expect(legend.get('summary').text()).toBe('Légende des contrôles, contrôles masqués');
    expect(legend.findAll('[data-testid="queue-legend-row"]').map((row) => row.attributes('data-check'))).toEqual(['T02', 'T04', 'T07', 'T09', 'T10', 'T11', 'H02', 'G02']);
    expect(legend.get('[data-check="T10"]').text()).toContain('Trajet de nuitDépart entre 22 h et 5 h.');
    expect(legend.get('[data-check="G02"] label').text()).toBe('Masquer G02@1 (Échange de rôles dans un couple) dans la file');

    await legend.get('[data-testid="queue-hide-G02"]').setValue(true);
    await flushPromises();
    expect(requests(api, 'settings:set')).toEqual([{ key: 'review.hiddenChecks', value: ['G02'] }]);
    expect(requests(api, 'checks:queue').at(-1)).toEqual({ kind: 'journeys', group: 'own', hidden: ['G02'], offset: 0, limit: 50 });
    // j:48000004 had G02 only; the others lose it from their checks and their rank.
    expect(rowKeys(wrapper)).toEqual(['j:48000001', 'j:48000002', 'j:48000003', 'j:48000005']);
    expect(wrapper.get('[data-testid="queue-row"]').findAll('[data-testid="check-tag"]').map((tag) => tag.text())).toEqual(['H02@1', 'T04@1']);
    expect(wrapper.get('[data-testid="queue-hidden-rows"]').text()).toBe('Contrôles masqués dans la file : G02. 1 trajet laissé de côté : tous ses signalements sont de ces contrôles.');
    expect(legend.get('summary').text()).toBe('Légende des contrôles, contrôles masqués (1 masqué)');

    await wrapper.get('[data-testid="queue-show-hidden"]').trigger('click');
    await flushPromises();
    expect(requests(api, 'settings:set').at(-1)).toEqual({ key: 'review.hiddenChecks', value: [] });
    expect(rowKeys(wrapper)).toHaveLength(5);
    expect(wrapper.find('[data-testid="queue-hidden-rows"]').exists()).toBe(false);
  });

  it('reads the hidden checks saved earlier before its first request', async () => {
    const { api, wrapper } = await mountChecks({ 'settings:list': () => ({ ...settingDefaults, 'review.hiddenChecks': ['T10'] }) });
    expect(requests(api, 'checks:queue')).toEqual([{ kind: 'journeys', group: 'own', hidden: ['T10'], offset: 0, limit: 50 }]);
    expect(rowKeys(wrapper)).not.toContain('j:48000005');
    expect((wrapper.get('[data-testid="queue-hide-T10"]').element as HTMLInputElement).checked).toBe(true);
    expect(wrapper.get('[data-testid="queue-hidden-rows"]').text()).toContain('T10. 1 trajet laissé de côté');
  });

  it('sends every filter to checks:queue, and refuses a period that ends before it starts', async () => {
    const { api, wrapper } = await mountChecks();
    await field(wrapper, 'queue-filter-check', 'select').setValue('T04@1');
    await field(wrapper, 'queue-filter-severity', 'select').setValue('high');
    await field(wrapper, 'queue-filter-operator', 'select').setValue('1');
    await field(wrapper, 'queue-filter-from', 'input').setValue('2026-10-31');
    await field(wrapper, 'queue-filter-to', 'input').setValue('2026-10-01');
    await wrapper.get('[data-testid="queue-filters"]').trigger('submit');
    expect(wrapper.get('[data-testid="queue-filters"]').text()).toContain('La date de début doit précéder la date de fin.');
    expect(requests(api, 'checks:queue')).toHaveLength(1);

    await field(wrapper, 'queue-filter-from', 'input').setValue('2026-10-01');
    await field(wrapper, 'queue-filter-to', 'input').setValue('2026-10-31');
    await field(wrapper, 'queue-filter-level', 'select').setValue('com');
    await field(wrapper, 'queue-filter-code', 'input').setValue(' 44109 ');
    await field(wrapper, 'queue-filter-status', 'select').setValue('ok');
    await field(wrapper, 'queue-filter-decision', 'select').setValue('none');
    await wrapper.get('[data-testid="queue-filters"]').trigger('submit');
    await flushPromises();
    expect(requests(api, 'checks:queue').at(-1)).toEqual({
      kind: 'journeys', group: 'own', hidden: [], check: 'T04@1', severity: 'high', operatorId: 1, from: '2026-10-01', to: '2026-10-31',
      territory: { level: 'com', code: '44109' }, status: 'ok', decision: 'none', offset: 0, limit: 50,
    });
    expect(rowKeys(wrapper)).toEqual(['j:48000001']);

    await wrapper.get('[data-testid="queue-filter-reset"]').trigger('click');
    await flushPromises();
    expect(requests(api, 'checks:queue').at(-1)).toEqual({ kind: 'journeys', group: 'own', hidden: [], offset: 0, limit: 50 });
    expect(rowKeys(wrapper)).toHaveLength(5);
  });

  it('pages through a long queue, keeping the ticked rows of earlier pages', async () => {
    const row = (id: number) => ({
      naturalKey: `j:${id}`, journeyId: String(id), operatorName: 'Karos', startLocal: '2026-10-03 07:40:00', startCommune: 'Nantes', endCommune: 'Rezé',
      distanceM: 5_000, status: 'ok', atRiskCents: 100, checks: ['T04@1'], severity: 'high' as const, decision: null,
    });
    const { api, wrapper } = await mountChecks({
      'checks:queue': ({ offset }) => ({
        total: 120, atRiskCents: 12_000, persons: [], journeys: offset === 0 ? [row(1), row(2)] : [row(51)],
        groups: { own: { total: 120, atRiskCents: 12_000 }, registry: { total: 0, atRiskCents: 0 } }, hiddenRows: 0,
      }),
    });
    expect(wrapper.get('[data-testid="queue-table"] caption').text()).toBe('Trajets signalés, les plus graves d’abord : gravité, contrôles différents, incitations en jeu (page 1 sur 3)');
    await wrapper.get('[data-testid="queue-select"]').setValue(true);
    await wrapper.get('[data-testid="review-queue"] nav a[title="Page 2"]').trigger('click');
    await flushPromises();
    expect(requests(api, 'checks:queue').at(-1)).toEqual({ kind: 'journeys', group: 'own', hidden: [], offset: 50, limit: 50 });
    expect(rowKeys(wrapper)).toEqual(['j:51']);
    await wrapper.get('[data-testid="queue-select"]').setValue(true);
    expect(wrapper.get('[data-testid="decision-summary"]').text()).toContain('2 trajets');
  });

  it('lists flagged persons with short keys, the full key in the title and for screen readers', async () => {
    const { api, wrapper } = await mountChecks();
    await wrapper.get('[data-testid="queue-kind-persons"]').setValue(true);
    await flushPromises();
    expect(requests(api, 'checks:queue').at(-1)).toEqual({ kind: 'persons', group: 'own', hidden: [], offset: 0, limit: 50 });
    expect(wrapper.get('[data-testid="queue-total"]').text()).toBe(`4 personnes signalées, 18,60${NBSP}€ d’incitations en jeu.`);
    const key = wrapper.get('[data-testid="queue-row"] [data-testid="queue-open"]');
    expect(key.text()).toBe('441dce7da9…');
    expect(key.attributes('title')).toBe(FAKE_PERSONS.A);
    // The name starts with the visible text (label in name), then says what the button does.
    expect(key.attributes('aria-label')).toBe(`441dce7da9… : ouvrir la personne ${FAKE_PERSONS.A}`);
    expect(wrapper.get('[data-testid="queue-row"]').text()).toContain('BlaBlaCar Daily, Karos');
  });

  it('records a bulk decision on the ticked rows, then reloads the queue and the exclusions', async () => {
    const { api, wrapper } = await mountChecks();
    const boxes = wrapper.findAll('[data-testid="queue-select"]');
    await boxes[0]?.setValue(true);
    await boxes[1]?.setValue(true);
    expect(wrapper.get('[data-testid="queue-selected"]').text()).toContain('2 lignes sélectionnées');
    expect(wrapper.get('[data-testid="decision-summary"]').text()).toContain('La décision s’appliquera à 2 trajets.');

    await wrapper.get('[data-testid="decision-radio-confirmed"]').setValue(true);
    await wrapper.get('[data-testid="decision-comment"]').setValue('Deux voitures conduites en même temps par la même personne.');
    const queueCalls = requests(api, 'checks:queue').length;
    await wrapper.get('[data-testid="decision-form"] form').trigger('submit');
    await flushPromises();
    expect(requests(api, 'checks:decide')).toEqual([
      {
        subjects: [{ kind: 'journey', key: 'j:48000001', seenDecisionId: null }, { kind: 'journey', key: 'j:48000002', seenDecisionId: null }],
        decision: 'confirmed',
        comment: 'Deux voitures conduites en même temps par la même personne.',
      },
    ]);
    expect(requests(api, 'checks:queue')).toHaveLength(queueCalls + 1);
    expect(wrapper.get('[data-testid="queue-decided"]').text()).toBe('Décision enregistrée pour 2 trajets.');
    expect(wrapper.find('[data-testid="decision-form"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="queue-row"]')[1]?.get('[data-testid="decision-badge"]').text()).toBe('Fraude confirmée');
    expect(wrapper.get('[data-testid="exclusions-banner"]').text()).toContain('3 trajets exclus');
  });

  it('takes a bulk decision against the decision each ticked row showed, and on a conflict reloads the queue, drops the selection and says who decided', async () => {
    const row = (id: number, decision: { id: number; via: 'journey' | 'person' } | null) => ({
      naturalKey: `j:${id}`, journeyId: String(id), operatorName: 'Karos', startLocal: '2026-10-03 07:40:00', startCommune: 'Nantes', endCommune: 'Rezé',
      distanceM: 5_000, status: 'ok', atRiskCents: 100, checks: ['T04@1'], severity: 'high' as const,
      decision: decision === null ? null : { ...decision, decision: 'info_requested' as const, comment: '', actor: 'agent-a', decidedAt: '2026-11-20T10:00:00Z' },
    });
    const refusal = 'Un des 3 trajets choisis a été décidé entre-temps par agent-b : rien n’a été enregistré. Reprenez la sélection dans la file rechargée.';
    const { api, wrapper } = await mountChecks({
      'checks:queue': () => ({
        total: 3, atRiskCents: 300, persons: [], journeys: [row(1, null), row(2, { id: 7, via: 'journey' }), row(3, { id: 9, via: 'person' })],
        groups: { own: { total: 3, atRiskCents: 300 }, registry: { total: 0, atRiskCents: 0 } }, hiddenRows: 0,
      }),
      'checks:decide': () => {
        throw new ApiError('conflict', refusal);
      },
    });
    await wrapper.get('[data-testid="queue-select-all"]').setValue(true);
    await wrapper.get('[data-testid="decision-radio-legitimate"]').setValue(true);
    const queueCalls = requests(api, 'checks:queue').length;
    await wrapper.get('[data-testid="decision-form"] form').trigger('submit');
    await flushPromises();
    // Its own decision for the second row; none for the first, nor for the third, whose decision is its person's.
    expect(requests(api, 'checks:decide')).toEqual([
      {
        subjects: [{ kind: 'journey', key: 'j:1', seenDecisionId: null }, { kind: 'journey', key: 'j:2', seenDecisionId: 7 }, { kind: 'journey', key: 'j:3', seenDecisionId: null }],
        decision: 'legitimate',
        comment: '',
      },
    ]);
    expect(requests(api, 'checks:queue')).toHaveLength(queueCalls + 1);
    expect(wrapper.find('[data-testid="queue-selected"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="decision-form"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="review-queue"] [data-testid="api-error"]').text()).toContain(refusal);
  });

  it('asks for a decision and a comment before sending a confirmed fraud, and shows a refusal of the main side', async () => {
    const { api, wrapper } = await mountChecks({
      'checks:decide': () => {
        throw new ApiError('not_found', 'Le trajet j:48000001 a été supprimé de la base entre-temps.');
      },
    });
    await wrapper.get('[data-testid="queue-select-all"]').setValue(true);
    expect(wrapper.get('[data-testid="decision-summary"]').text()).toContain('5 trajets');
    await wrapper.get('[data-testid="decision-form"] form').trigger('submit');
    expect(wrapper.get('[data-testid="decision-choice-error"]').text()).toBe('Choisissez une décision.');

    await wrapper.get('[data-testid="decision-radio-confirmed"]').setValue(true);
    await wrapper.get('[data-testid="decision-comment"]').setValue('   ');
    await wrapper.get('[data-testid="decision-form"] form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="decision-comment-error"]').text()).toBe('Motivez la fraude confirmée : le commentaire est obligatoire.');
    expect(wrapper.get('[data-testid="decision-comment"]').attributes('aria-invalid')).toBe('true');
    expect(requests(api, 'checks:decide')).toEqual([]);

    await wrapper.get('[data-testid="decision-radio-legitimate"]').setValue(true);
    await wrapper.get('[data-testid="decision-form"] form').trigger('submit');
    await flushPromises();
    expect(requests(api, 'checks:decide')).toHaveLength(1);
    expect(wrapper.get('[data-testid="decision-form"] [data-testid="api-error"]').text()).toContain('supprimé de la base entre-temps');
  });

  it('shows the main side’s refusal of a confirmed fraud without comment, as it words it', async () => {
    const api = createFakeApi();
    await expect(api.invoke('checks:decide', { subjects: [{ kind: 'journey', key: 'j:48000001' }], decision: 'confirmed', comment: ' ' })).rejects.toThrow(
      'Requête invalide pour checks:decide — comment : une fraude confirmée doit être motivée',
    );
  });

  it('exports the case files of an operator and a period as a job', async () => {
    const { api, wrapper } = await mountChecks();
    expect(wrapper.get('[data-testid="case-export"]').text()).toContain('dossier des exports');
    await field(wrapper, 'case-export-operator', 'select').setValue('2');
    await field(wrapper, 'case-export-from', 'input').setValue('2026-09-01');
    await wrapper.get('[data-testid="case-export"] form').trigger('submit');
    expect(wrapper.get('[data-testid="case-export"]').text()).toContain('Indiquez le début et la fin de la période.');
    await field(wrapper, 'case-export-to', 'input').setValue('2026-10-31');
    await wrapper.get('[data-testid="case-export"] form').trigger('submit');
    await flushPromises();
    expect(requests(api, 'exports:cases')).toEqual([{ operatorId: 2, from: '2026-09-01', to: '2026-10-31' }]);
    expect(wrapper.get('[data-testid="case-export"] [data-testid="job-progress"]').text()).toContain('Dossiers de contrôle par opérateur');
  });
});

describe('ChecksView — details', () => {
  async function openJourney(key: string) {
    const mounted = await mountChecks();
    const row = mounted.wrapper.findAll('[data-testid="queue-row"]').find((candidate) => candidate.attributes('data-key') === key);
    await row?.findAll('td')[2]?.trigger('click');
    await flushPromises();
    return mounted;
  }

  it('opens a journey on a row click: facts, flags with evidence, linked journeys plotted and listed', async () => {
    const { api, wrapper } = await openJourney('j:48000001');
    expect(requests(api, 'checks:journey')).toEqual([{ naturalKey: 'j:48000001' }]);
    expect(wrapper.find('[data-testid="review-queue"]').isVisible()).toBe(false);
    const detail = wrapper.get('[data-testid="journey-detail"]');
    expect(detail.get('h2').text()).toBe('Trajet 48000001');
    expect(document.activeElement).toBe(detail.get('h2').element);
    expect(detail.get('[data-testid="fact-start"]').text()).toBe('03/10/2026 07:40');
    expect(detail.get('[data-testid="fact-distance"]').text()).toBe('35,4 km');
    expect(detail.get('[data-testid="fact-duration"]').text()).toBe('10 min');
    expect(detail.get('[data-testid="fact-status"]').text()).toBe('valide');

    const flags = detail.findAll('[data-testid="flag-item"]');
    expect(flags.map((item) => item.get('p').text())).toEqual([
      'T04@1 — Vitesse moyenne invraisemblable élevée',
      'H02@1 — Trajets simultanés d’une même personne élevée',
      'G02@1 — Échange de rôles dans un couple à vérifier',
    ]);
    const evidence = flags[1]?.findAll('[data-testid="evidence"] dt').map((term) => `${term.text()}=${term.element.nextElementSibling?.textContent ?? ''}`);
    expect(evidence).toEqual(['Chevauchement=certain', `Durée chevauchée=10${NBSP}min`, `Part chevauchée du trajet le plus court=100${NBSP}%`, 'Rôles=conducteur, conducteur']);

    const plot = detail.get('[data-testid="journey-plot-svg"]');
    expect(plot.attributes('role')).toBe('img');
    expect(plot.attributes('aria-label')).toContain('Tracé de 4 trajets');
    const segments = detail.findAll('[data-testid="plot-segment"]');
    expect(segments.map((segment) => segment.attributes('data-highlighted'))).toEqual(['false', 'false', 'false', 'true']);
    expect(detail.findAll('[data-testid="journey-plot-table"] tbody tr')).toHaveLength(4);
    expect(detail.get('[data-testid="journey-plot-table"] tbody tr').text()).toBe('4800000147,22°-1,55°47,37°-1,18°oui');
    expect(detail.findAll('[data-testid="journey-linked-row"]').map((row) => row.get('th').text())).toEqual([
      '48000001 (ce trajet)', '48000002', '48000003', '48000004',
    ]);
  });

  it('records a decision on a journey, shows it in the history, and revises it', async () => {
    const { api, wrapper } = await openJourney('j:48000002');
    expect(wrapper.get('[data-testid="decision-current"]').text()).toBe('Aucune décision pour le moment.');
    await wrapper.get('[data-testid="decision-radio-info_requested"]').setValue(true);
    await wrapper.get('[data-testid="decision-comment"]').setValue('Trace GPS demandée à Karos.');
    await wrapper.get('[data-testid="decision-form"] form').trigger('submit');
    await flushPromises();
    await wrapper.get('[data-testid="decision-radio-legitimate"]').setValue(true);
    await wrapper.get('[data-testid="decision-form"] form').trigger('submit');
    await flushPromises();

    // Each taken against the journey's decision shown: none, then the one just recorded (another one meanwhile is refused).
    expect(requests(api, 'checks:decide')).toEqual([
      { subjects: [{ kind: 'journey', key: 'j:48000002', seenDecisionId: null }], decision: 'info_requested', comment: 'Trace GPS demandée à Karos.' },
      { subjects: [{ kind: 'journey', key: 'j:48000002', seenDecisionId: 3 }], decision: 'legitimate', comment: '' },
    ]);
    expect(wrapper.get('[data-testid="decision-current"]').text()).toBe('Légitime Décision en vigueur : Légitime, le 28/11/2026 18:00:00 par instructeur.');
    expect(wrapper.findAll('[data-testid="history-row"]').map((row) => row.findAll('td').map((cell) => cell.text()))).toEqual([
      ['4', '28/11/2026 18:00:00', 'le trajet', 'Légitime remplace le n° 3', '—', 'instructeur'],
      ['3', '28/11/2026 18:00:00', 'le trajet', 'Information demandée à l’opérateur', 'Trace GPS demandée à Karos.', 'instructeur'],
    ]);
    expect(wrapper.get('[data-testid="decision-done"]').text()).toBe('Décision enregistrée pour 1 trajet.');
    // The queue behind was reloaded too: it shows the new decision once back.
    await wrapper.get('[data-testid="detail-back"]').trigger('click');
    await flushPromises();
    const row = wrapper.findAll('[data-testid="queue-row"]').find((candidate) => candidate.attributes('data-key') === 'j:48000002');
    expect(row?.get('[data-testid="decision-badge"]').text()).toBe('Légitime');
    expect(document.activeElement?.id).toBe('review-queue-title');
  });

  it('opens the driver of a journey: aliases, timeline, flags, linked persons graph, journeys, and goes back step by step', async () => {
    const { api, wrapper } = await openJourney('j:48000001');
    await wrapper.get('[data-testid="fact-driver"]').trigger('click');
    await flushPromises();
    expect(requests(api, 'checks:person')).toEqual([{ person: FAKE_PERSONS.A }]);
    const detail = wrapper.get('[data-testid="person-detail"]');
    expect(detail.get('h2').text()).toContain('441dce7da9…');
    const cells = (selector: string): string[][] => detail.findAll(selector).map((row) => row.findAll('th, td').map((cell) => cell.text()));
    expect(cells('[data-testid="alias-row"]')).toEqual([[`key:${FAKE_PERSONS.A}`, '5'], ['user:1:bbc-user-3321', '2']]);
    expect(cells('[data-testid="person-timeline-table"] tbody tr')).toEqual([
      ['12/09/2026', '0', '1'], ['03/10/2026', '2', '0'], ['04/10/2026', '0', '1'], ['05/10/2026', '1', '0'],
    ]);
    expect(detail.findAll('[data-testid="flag-item"]')).toHaveLength(4);

    const graph = detail.get('[data-testid="person-graph-svg"]');
    expect(graph.attributes('role')).toBe('img');
    // A, then the partners of the newest journeys first: F (not flagged), B (flagged), C (not flagged).
    expect(detail.findAll('[data-testid="graph-node"] title').map((title) => title.text())).toEqual([FAKE_PERSONS.A, FAKE_PERSONS.F, FAKE_PERSONS.B, FAKE_PERSONS.C]);
    expect(detail.findAll('[data-testid="graph-node"]').map((node) => node.attributes('data-flagged'))).toEqual(['true', 'false', 'true', 'false']);
    expect(detail.findAll('[data-testid="graph-arrow"] title').map((title) => title.text())).toEqual([
      '441dce7da9… a conduit 1b7d0f659e… 1 fois',
      '441dce7da9… a conduit 7d96110b8e… 1 fois',
      '7d96110b8e… a conduit 441dce7da9… 2 fois',
      '441dce7da9… a conduit 3ce5d8aaea… 1 fois',
    ]);
    const withB = detail.findAll('[data-testid="person-graph-table"] tbody tr')[1];
    expect(withB?.findAll('td').map((cell) => cell.text())).toEqual([`441dce7da9…${FAKE_PERSONS.A}${NBSP}(signalée)`, `7d96110b8e…${NBSP}(signalée)`, '1', '2']);
    await withB?.get('button').trigger('click');
    await flushPromises();
    expect(requests(api, 'checks:person').at(-1)).toEqual({ person: FAKE_PERSONS.B });
    await wrapper.get('[data-testid="detail-back"]').trigger('click');
    await flushPromises();
    expect(detail.findAll('[data-testid="person-journeys-row"]').map((row) => row.findAll('td')[2]?.text())).toEqual(['conducteur', 'passager', 'conducteur', 'conducteur', 'passager']);
    expect(detail.findAll('[data-testid="person-plot"] [data-testid="plot-segment"]')).toHaveLength(5);

    await detail.findAll('[data-testid="person-journeys-row"] button')[1]?.trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="journey-detail"] h2').text()).toBe('Trajet 48000003');
    expect(wrapper.get('[data-testid="detail-back"]').text()).toBe('Retour');
    await wrapper.get('[data-testid="detail-back"]').trigger('click');
    await wrapper.get('[data-testid="detail-back"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="journey-detail"] h2').text()).toBe('Trajet 48000001');
    expect(wrapper.get('[data-testid="detail-back"]').text()).toBe('Retour à la file de revue');
  });

  it('decides on a person, which excludes all their journeys', async () => {
    const { api, wrapper } = await mountChecks();
    await wrapper.get('[data-testid="queue-kind-persons"]').setValue(true);
    await flushPromises();
    await wrapper.get('[data-testid="queue-row"] [data-testid="queue-open"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="decision-radio-confirmed"]').setValue(true);
    await wrapper.get('[data-testid="decision-comment"]').setValue('Compte utilisé par deux conducteurs.');
    await wrapper.get('[data-testid="decision-form"] form').trigger('submit');
    await flushPromises();
    expect(requests(api, 'checks:decide')).toEqual([{ subjects: [{ kind: 'person', key: FAKE_PERSONS.A, seenDecisionId: null }], decision: 'confirmed', comment: 'Compte utilisé par deux conducteurs.' }]);
    expect(wrapper.get('[data-testid="exclusions-banner"]').text()).toBe(
      `5 trajets exclus des simulations et des exports (fraude confirmée : 1 trajet, 1 personne ; incitations concernées : 11,00${NBSP}€).`,
    );
  });

  it('names the persons of a bulk decision, in the plural', async () => {
    const { wrapper } = await mountChecks();
    await wrapper.get('[data-testid="queue-kind-persons"]').setValue(true);
    await flushPromises();
    const boxes = wrapper.findAll('[data-testid="queue-select"]');
    for (const box of boxes.slice(0, 3)) await box.setValue(true);
    expect(wrapper.get('[data-testid="decision-summary"]').text()).toContain('La décision s’appliquera à 3 personnes.');
    await wrapper.get('[data-testid="decision-radio-legitimate"]').setValue(true);
    await wrapper.get('[data-testid="decision-form"] form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="queue-decided"]').text()).toBe('Décision enregistrée pour 3 personnes.');
  });

  it('says when a journey cannot be found', async () => {
    const { wrapper } = await mountChecks({
      'checks:journey': ({ naturalKey }) => {
        throw new ApiError('not_found', `Trajet introuvable dans la base : ${naturalKey}`);
      },
    });
    await wrapper.get('[data-testid="queue-row"] [data-testid="queue-open"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="journey-detail"] [data-testid="api-error"]').text()).toContain('Trajet introuvable dans la base : j:48000001');
  });
});

describe('ChecksView — parameters', () => {
  it('shows each check with its state, parameters and defaults, and saves the values that differ from them', async () => {
    const { api, wrapper } = await mountChecks();
    expect(wrapper.get('[data-testid="check-disabled-T07"]').text()).toContain('nécessite un calculateur d’itinéraire hors ligne');
    expect(wrapper.get('[data-testid="check-params-T04"]').text()).toContain('Vitesse impossible au-delà de (km/h)');
    expect(wrapper.get('[data-testid="check-params-T11"]').text()).toContain(`Valeur par défaut : 172${NNBSP}800 s`);
    const speed = wrapper.get('[data-testid="param-T04-highSpeedKmh"]');
    expect((speed.element as HTMLInputElement).value).toBe('130');
    expect(wrapper.get('[data-testid="param-reset-T04-highSpeedKmh"]').attributes('disabled')).toBeDefined();

    await speed.setValue('150');
    await wrapper.get('[data-testid="param-H02-possibleOverlapRatio"]').setValue('0,8');
    // A date and time typed the French way, in Paris time, goes to the main side as its instant.
    await wrapper.get('[data-testid="param-T11-asOf"]').setValue('01/11/2026 01:00');
    await wrapper.get('[data-testid="param-T04-warnSpeedKmh"]').setValue('115');
    await wrapper.get('[data-testid="param-reset-T04-warnSpeedKmh"]').trigger('click');
    expect((wrapper.get('[data-testid="param-T04-warnSpeedKmh"]').element as HTMLInputElement).value).toBe('110');
    await wrapper.get('[data-testid="parameters-form"]').trigger('submit');
    await flushPromises();
    expect(requests(api, 'checks:save-parameters')).toEqual([
      { overrides: { T04: { highSpeedKmh: 150 }, T11: { asOf: '2026-11-01T00:00:00.000Z' }, H02: { possibleOverlapRatio: 0.8 } } },
    ]);
    expect(wrapper.get('[data-testid="parameters-saved"]').text()).toContain('prochaine analyse');
    expect((wrapper.get('[data-testid="param-H02-possibleOverlapRatio"]').element as HTMLInputElement).value).toBe('0,8');
  });

  it('flags a value that is not a number, and shows the main side’s refusal of an out-of-range one', async () => {
    const { api, wrapper } = await mountChecks();
    await wrapper.get('[data-testid="param-G02-windowDays"]').setValue('trente');
    await wrapper.get('[data-testid="parameters-form"]').trigger('submit');
    expect(wrapper.get('[data-testid="param-error-G02-windowDays"]').text()).toBe('Indiquez un nombre.');
    expect(wrapper.get('[data-testid="parameters-invalid"]').text()).toContain('corrigez les champs signalés');
    expect(requests(api, 'checks:save-parameters')).toEqual([]);

    await wrapper.get('[data-testid="param-G02-windowDays"]').setValue('30');
    await wrapper.get('[data-testid="param-H02-possibleOverlapRatio"]').setValue('1,5');
    await wrapper.get('[data-testid="parameters-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="parameters"] [data-testid="api-error"]').text()).toContain(
      'Paramètres refusés — H02.possibleOverlapRatio : proportion entre 0 et 1 attendue',
    );
    expect(wrapper.find('[data-testid="parameters-saved"]').exists()).toBe(false);
  });
});
