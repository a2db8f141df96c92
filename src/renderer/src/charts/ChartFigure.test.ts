import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, type PropType } from 'vue';
import type { ScriptableLineSegmentContext } from 'chart.js';
import { formatInteger } from '@shared/util/format';
import { createAppI18n } from '@renderer/i18n';
import ChartFigure from './ChartFigure.vue';
import { summariseSeries } from './chart-summary';
import { PARTIAL_DASH } from './partial-style';

enableAutoUnmount(afterEach);

/** What chart.js is given, as far as these tests read it. */
interface Drawn {
  data?: { datasets: Array<Record<string, unknown>> };
  options?: { scales?: Record<string, unknown> };
}

// happy-dom has no 2D canvas: the chart is a plain canvas keeping what chart.js would have been given.
const drawn: Drawn = {};
vi.mock('vue-chartjs', () => {
  const stub = defineComponent({
    props: {
      data: { type: Object as PropType<NonNullable<Drawn['data']>>, required: true },
      options: { type: Object as PropType<NonNullable<Drawn['options']>>, required: true },
      ariaLabel: { type: String, default: undefined },
      ariaDescribedby: { type: String, default: undefined },
    },
    setup(props, { expose }) {
      expose({ chart: { toBase64Image: () => 'data:image/png;base64,iVBORw0KGgo=' } });
      return () => {
        drawn.data = props.data;
        drawn.options = props.options;
        return h('canvas', { role: 'img', 'aria-label': props.ariaLabel, 'aria-describedby': props.ariaDescribedby });
      };
    },
  });
  return { Bar: stub, Line: stub, Doughnut: stub };
});

const MONTHS = ['août 2026', 'septembre 2026', 'octobre 2026'];

function mountChart(props: Partial<InstanceType<typeof ChartFigure>['$props']> = {}) {
  return mount(ChartFigure, {
    props: { title: 'Trajets par mois', unit: 'trajets', kind: 'bar', labels: MONTHS, datasets: [{ label: 'Trajets', data: [300, 420, 60] }], format: formatInteger, testId: 'chart', ...props },
    global: { plugins: [createAppI18n()] },
  });
}

describe('ChartFigure', () => {
  it('names the canvas after the chart and describes it by its text summary', () => {
    const wrapper = mountChart({ total: true });
    const canvas = wrapper.get('canvas');
    expect(canvas.attributes('role')).toBe('img');
    expect(canvas.attributes('aria-label')).toBe('Graphique : Trajets par mois');
    const summary = wrapper.get(`#${canvas.attributes('aria-describedby')}`);
    expect(summary.text()).toBe('Trajets : maximum 420 (septembre 2026), minimum 60 (octobre 2026), total 780.');
    expect(wrapper.get('figure').attributes('aria-labelledby')).toBe(wrapper.get('h3').attributes('id'));
  });

  it('puts the values in a captioned table, numbers right-aligned, with the unit in the headers', () => {
    const wrapper = mountChart();
    const table = wrapper.get('[data-testid="chart-table"]');
    expect(table.get('caption').text()).toBe('Trajets par mois');
    expect(table.findAll('thead th').map((cell) => cell.text())).toEqual(['Catégorie', 'Trajets (trajets)']);
    expect(table.findAll('tbody tr').map((row) => [row.get('th').text(), row.get('td').text()])).toEqual([
      ['août 2026', '300'],
      ['septembre 2026', '420'],
      ['octobre 2026', '60'],
    ]);
    expect(table.get('td').classes()).toContain('fr-cell--right');
  });

  it('draws partial bars apart, says so under the chart and in the table, and keeps them out of the lowest', () => {
    const wrapper = mountChart({ total: true, partial: [{ from: '2026-08-31', to: '2026-08-31' }, null, { from: '2026-10-01', to: '2026-10-12' }] });
    const dataset = drawn.data?.datasets[0] as { backgroundColor: unknown[]; borderWidth: number[] } | undefined;
    expect(dataset?.backgroundColor[1]).toBe('#000091');
    expect(dataset?.backgroundColor[2]).not.toBe('#000091');
    expect(dataset?.borderWidth).toEqual([1, 0, 1]);
    expect(wrapper.get('[data-testid="chart-partial-note"]').text()).toContain('barres hachurées');
    expect(wrapper.get('[data-testid="chart-summary"]').text()).toBe(
      'Trajets : maximum 420 (septembre 2026), minimum 420 (septembre 2026), hors périodes incomplètes, total 780.Les barres hachurées sont des périodes incomplètes : la période choisie ou les données de la base n’en couvrent qu’une partie, leurs chiffres ne sont pas comparables aux autres. Le tableau donne les jours couverts.',
    );
    const rows = wrapper.findAll('[data-testid="chart-table"] tbody tr');
    expect(rows.map((row) => row.findAll('td').at(-1)?.text())).toEqual(['partiel : le 31/08/2026 seulement', 'complet', 'partiel : du 01/10/2026 au 12/10/2026']);
    expect(rows.map((row) => row.attributes('data-partial'))).toEqual(['true', undefined, 'true']);
  });

  it('dashes the line segments that reach a partial step', () => {
    mountChart({ kind: 'line', partial: [{ from: '2026-08-20', to: '2026-08-31' }, null, null] });
    type Segment = Pick<ScriptableLineSegmentContext, 'p0DataIndex' | 'p1DataIndex'>;
    const dataset = drawn.data?.datasets[0] as { segment: { borderDash: (context: Segment) => number[] | undefined }; pointBackgroundColor: string[] } | undefined;
    expect(dataset?.segment.borderDash({ p0DataIndex: 0, p1DataIndex: 1 })).toEqual(PARTIAL_DASH);
    expect(dataset?.segment.borderDash({ p0DataIndex: 1, p1DataIndex: 2 })).toBeUndefined();
    expect(dataset?.pointBackgroundColor).toEqual(['#ffffff', '#000091', '#000091']);
  });

  it('keeps 10 % headroom above the highest value, whole ticks for counts, on the value axis of horizontal bars too', () => {
    mountChart();
    expect(drawn.options?.scales?.['y']).toMatchObject({ beginAtZero: true, suggestedMax: expect.closeTo(462, 6), ticks: { precision: 0 } });
    mountChart({ horizontal: true, datasets: [{ label: 'Euros', data: [1.5, 2.5] }], labels: ['A', 'B'] });
    expect(drawn.options?.scales?.['x']).toMatchObject({ suggestedMax: expect.closeTo(2.75, 6), ticks: {} });
    expect(drawn.options?.scales?.['x']).not.toHaveProperty('ticks.precision');
  });

  it('stacks the datasets when asked, the headroom above the highest total', () => {
    mountChart({ stacked: true, datasets: [{ label: 'Conducteur', data: [1, 0, 20] }, { label: 'Passager', data: [0, 1, 10] }] });
    expect(drawn.options?.scales?.['x']).toMatchObject({ stacked: true });
    expect(drawn.options?.scales?.['y']).toMatchObject({ stacked: true, suggestedMax: expect.closeTo(33, 6) });
  });

  it('downloads the drawn chart as a PNG named after its title', async () => {
    const clicked: Array<{ href: string; download: string }> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    const wrapper = mountChart({ title: 'Évolution du nombre de trajets' });
    await wrapper.get('[data-testid="chart-png"]').trigger('click');
    expect(clicked).toEqual([{ href: 'data:image/png;base64,iVBORw0KGgo=', download: 'evolution-du-nombre-de-trajets.png' }]);
    click.mockRestore();
  });
});

describe('summariseSeries', () => {
  it('takes the first of equal values, counts partial steps in the total, and uses them when nothing else is left', () => {
    expect(summariseSeries(['a', 'b', 'c'], { label: 'S', data: [5, 5, 1] })).toMatchObject({ highest: { label: 'a' }, lowest: { label: 'c' }, total: 11 });
    expect(summariseSeries(['a'], { label: 'S', data: [4] }, [{ from: '2026-01-01', to: '2026-01-02' }])).toMatchObject({ lowest: { value: 4 }, partialLeftOut: false });
    expect(summariseSeries([], { label: 'S', data: [] })).toBeNull();
  });
});
