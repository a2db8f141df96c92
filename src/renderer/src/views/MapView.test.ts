import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import MapView from './MapView.vue';

enableAutoUnmount(afterEach);

// happy-dom has no 2D canvas: the map draws nothing here (the drawing is tested in components/map/*.test.ts and
// in Chromium end to end), and the PNG composition is replaced by a fixed image to test what is sent.
vi.mock('@renderer/components/map/map-png', async (original) => ({
  ...(await original<typeof import('@renderer/components/map/map-png')>()),
  composeMapImage: () => ({ toDataURL: () => 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==' }),
}));

const NNBSP = '\u202f';

async function mountMap(overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi(overrides);
  const { wrapper } = mountWithApp(MapView, api);
  await flushPromises();
  return { api, wrapper };
}

function requests(api: FakeApi, channel: string): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

/** The native control of a DSFR field, whichever element carries the test id. */
const control = (wrapper: VueWrapper, testId: string, tag = 'select') => wrapper.get(`${tag}[data-testid="${testId}"], [data-testid="${testId}"] ${tag}`);

describe('MapView', () => {
  it('opens on the busiest département’s communes over the last three months covered, and says what the threshold hid', async () => {
    const { api, wrapper } = await mountMap();
    expect(requests(api, 'map:flows')).toEqual([
      { level: 'com', territory: { level: 'dep', code: '44' }, from: '2026-08-01', to: '2026-10-31', direction: 'both', minCount: 6 },
    ]);
    expect(wrapper.get('[data-testid="map-heading"]').text()).toBe('Loire-Atlantique (Département) — flux entre communes — Du 01/08/2026 au 31/10/2026');
    expect(wrapper.get('[data-testid="map-canvas"]').attributes('role')).toBe('img');
    expect(wrapper.get('[data-testid="map-canvas"]').attributes('aria-label')).toBe(
      `Carte : Loire-Atlantique (Département) — flux entre communes, du 01/08/2026 au 31/10/2026 ; 14 flux et 8 lieux dessinés, 10${NNBSP}363 trajets. Les chiffres sont dans les tableaux qui suivent.`,
    );
    expect(wrapper.get('[data-testid="map-hidden"]').text()).toBe('Le seuil de 6 trajets masque 42 flux (130 trajets) et 9 lieux.');
    expect(wrapper.get('[data-testid="map-unplaced"]').text()).toContain('1 flux dont une extrémité n’a pas de position n’est pas dessiné');
    expect(wrapper.find('[data-testid="map-months-missing"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="map-legend-threshold"]').text()).toBe('Flux et lieux de moins de 6 trajets masqués');
    expect(wrapper.get('[data-testid="map-legend-source"]').text()).toBe(
      'Source : Registre de preuve de covoiturage, extraits importés ; fonds : IGN — ADMIN EXPRESS COG 2025 (simplifié)',
    );
    expect(wrapper.findAll('[data-testid="map-legend-flows"] li')).toHaveLength(5);
    expect(document.documentElement.dataset.appReady).toBe('true');
  });

  it('lists the same flows and places in tables sortable from the keyboard', async () => {
    const { wrapper } = await mountMap();
    const rows = () => wrapper.findAll('[data-testid="map-flows-table-row"]').map((row) => row.findAll('th, td').map((cell) => cell.text()));
    expect(rows()).toHaveLength(14);
    expect(rows()[1]).toEqual(['Saint-Herblain (44162)', 'Nantes (44109)', `1${NNBSP}830`, `2${NNBSP}745,00${'\u00a0'}€`]);
    const journeys = wrapper.get('[data-testid="map-flows-table-sort-journeys"]');
    expect(journeys.element.tagName).toBe('BUTTON');
    expect(journeys.element.closest('th')?.getAttribute('aria-sort')).toBe('descending');

    await journeys.trigger('click');
    expect(journeys.element.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    expect(rows()[0]?.[2]).toBe('8');

    await wrapper.get('[data-testid="map-flows-table-sort-origin"]').trigger('click');
    expect(wrapper.get('[data-testid="map-flows-table-sort-origin"]').element.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    expect(journeys.element.closest('th')?.hasAttribute('aria-sort')).toBe(false);
    expect(rows()[0]?.[0]).toBe('44999');
    expect(rows()[1]?.[0]).toBe('Angers (49007)');

    const places = wrapper.findAll('[data-testid="map-places-table-row"]').map((row) => row.findAll('th, td').map((cell) => cell.text()));
    expect(places[0]?.slice(0, 5)).toEqual(['Nantes (44109)', `5${NNBSP}718`, `7${NNBSP}033`, `2${NNBSP}400`, `10${NNBSP}351`]);
  });

  it('selects a flow from the table: figures in the panel, row marked', async () => {
    const { wrapper } = await mountMap();
    const row = wrapper.findAll('[data-testid="map-flows-table-row"]')[1];
    const button = row?.get('th button');
    expect(button?.attributes('aria-label')).toBe('Saint-Herblain (44162) → Nantes (44109) : afficher sur la carte');
    await button?.trigger('click');
    expect(wrapper.get('[data-testid="map-selection-name"]').text()).toBe('Saint-Herblain → Nantes');
    expect(wrapper.get('[data-testid="map-selection"]').text()).toContain(`1${NNBSP}830 trajets`);
    expect(wrapper.findAll('[data-testid="map-flows-table-row"]')[1]?.attributes('aria-current')).toBe('true');

    await wrapper.get('[data-testid="map-selection-clear"]').trigger('click');
    expect(wrapper.get('[data-testid="map-selection"]').text()).toContain('Cliquez sur un flux');
    expect(wrapper.findAll('[data-testid="map-flows-table-row"]')[1]?.attributes('aria-current')).toBeUndefined();
  });

  it('runs the form’s query: level, weekdays, threshold, overlay of a saved simulation', async () => {
    const { api, wrapper } = await mountMap();
    await control(wrapper, 'map-level').setValue('dep');
    await wrapper.get('input[data-testid="map-day-7"]').setValue(false);
    await control(wrapper, 'map-min-count', 'input').setValue('300');
    expect(control(wrapper, 'map-overlay').findAll('option').map((option) => option.text())).toContain('Simulation « IDFM — 3 mois » (Île-de-France Mobilités)');
    await control(wrapper, 'map-overlay').setValue('simulation:7');
    await wrapper.get('[data-testid="map-form"]').trigger('submit');
    await flushPromises();
    expect(requests(api, 'map:flows').at(-1)).toEqual({
      level: 'dep', territory: { level: 'dep', code: '44' }, from: '2026-08-01', to: '2026-10-31', days: [1, 2, 3, 4, 5, 6], direction: 'both', minCount: 300,
      overlay: { kind: 'simulation', simulationId: 7 },
    });
    expect(wrapper.get('[data-testid="map-hidden"]').text()).toBe('Le seuil de 300 trajets masque 45 flux (640 trajets) et 9 lieux.');
    expect(wrapper.get('[data-testid="map-legend-overlay"]').text()).toBe('En orange : IDFM — 3 mois');
    expect(wrapper.get('[data-testid="map-flows-table"]').text()).toContain('Dont IDFM — 3 mois');
    // Départements have contours (the application's own): the choropleth is offered.
    await control(wrapper, 'map-choropleth').setValue('perThousand');
    expect(wrapper.findAll('[data-testid="map-legend-choropleth"] li').map((item) => item.text())).toEqual(['de 0,37 à moins de 6,9', '6,9']);
    expect(wrapper.get('[data-testid="map-places-table"]').text()).toContain('Trajets pour 1 000 habitants');
  });

  it('refuses a threshold under the setting and a week without a day, saying why', async () => {
    const { api, wrapper } = await mountMap();
    await control(wrapper, 'map-min-count', 'input').setValue('5');
    for (const day of [1, 2, 3, 4, 5, 6, 7]) await wrapper.get(`input[data-testid="map-day-${day}"]`).setValue(false);
    await wrapper.get('[data-testid="map-form"]').trigger('submit');
    await flushPromises();
    expect(requests(api, 'map:flows')).toHaveLength(1);
    expect(wrapper.text()).toContain('Indiquez un nombre entier de trajets, 6 au moins.');
    expect(wrapper.get('[data-testid="map-days"]').text()).toContain('Cochez au moins un jour.');
  });

  it('offers no choropleth without the contours of the level', async () => {
    const { wrapper } = await mountMap();
    expect(wrapper.find('[data-testid="map-choropleth"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="map-choropleth-unavailable"]').text()).toContain('la base n’a pas les contours des communes');
  });

  it('exports the flows as GeoJSON and CSV, and the composed image as PNG, showing the file written', async () => {
    const { api, wrapper } = await mountMap();
    await wrapper.get('[data-testid="map-export-geojson"]').trigger('click');
    await flushPromises();
    expect(requests(api, 'map:export')).toEqual([
      { query: { level: 'com', territory: { level: 'dep', code: '44' }, from: '2026-08-01', to: '2026-10-31', direction: 'both', minCount: 6 }, format: 'geojson' },
    ]);
    expect(wrapper.get('[data-testid="map-export-written"]').text()).toBe(
      `Fichier écrit : /donnees/atelier/exports/carte-com-2026-08-01_2026-10-31.geojson (14 flux, 10${NNBSP}363 trajets).`,
    );
    await wrapper.get('[data-testid="map-export-csv"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="map-export-written"]').text()).toContain('.csv');

    await wrapper.get('[data-testid="map-export-png"]').trigger('click');
    await flushPromises();
    expect(requests(api, 'map:export-png')).toEqual([{ title: 'Loire-Atlantique (Département) — flux entre communes', pngBase64: 'iVBORw0KGgoAAAANSUhEUg==' }]);
    expect(wrapper.get('[data-testid="map-export-written"]').text()).toContain('Fichier écrit : /donnees/atelier/exports/');
  });

  it('warns about months to prepare and starts the statistics refresh that builds them', async () => {
    const { api, wrapper } = await mountMap({
      'map:flows': async (query) => ({ ...(await createFakeApi().invoke('map:flows', query)), monthsMissing: ['2026-08', '2026-09'] }),
      'stats:refresh': () => ({ jobId: 'job-9' }),
    });
    expect(wrapper.get('[data-testid="map-months-missing"]').text()).toContain('Les agrégats de la carte manquent pour août 2026, septembre 2026');
    await wrapper.get('[data-testid="map-refresh"]').trigger('click');
    await flushPromises();
    expect(requests(api, 'stats:refresh')).toHaveLength(1);
    expect(wrapper.find('[data-testid="job-progress"]').exists()).toBe(true);

    api.emit('job:done', { jobId: 'job-9', kind: 'stats.refresh', status: 'done', summary: null, error: null });
    await flushPromises();
    expect(requests(api, 'map:flows')).toHaveLength(2);
  });

  it('shows a refused query', async () => {
    const { wrapper } = await mountMap({
      'map:flows': () => {
        throw new ApiError('invalid_input', 'la date de début doit précéder la date de fin');
      },
    });
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain('la date de début doit précéder la date de fin');
    expect(wrapper.find('[data-testid="map-canvas"]').exists()).toBe(false);
  });

  it('says how to get a map on an empty store', async () => {
    const { api, wrapper } = await mountMap({ 'stats:period': () => null });
    expect(wrapper.get('[data-testid="map-empty"]').text()).toContain('importez des extraits');
    expect(wrapper.get('[data-testid="map-empty"] a').attributes('href')).toContain('/donnees');
    expect(requests(api, 'map:flows')).toEqual([]);
  });
});
