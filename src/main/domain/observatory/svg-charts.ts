import { formatInteger } from '../../../shared/util/format';

/** Text escaped for HTML and SVG content and attribute values (double-quoted). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** One series of a bar chart; a null value draws no bar (a count under the privacy threshold). */
export interface BarSeries {
  name: string;
  values: ReadonlyArray<number | null>;
  /** Fill colour (a DSFR colour, contrast ≥ 3:1 on white). */
  color: string;
}

/** A grouped bar chart: one group of bars per category, one bar per series. */
export interface BarChart {
  /** Unique within the page: ids of the title and description derive from it. */
  id: string;
  title: string;
  /** What the chart shows in one sentence, read by screen readers (the data table beside it gives every value). */
  description: string;
  categories: readonly string[];
  series: readonly BarSeries[];
}

const WIDTH = 720;
const HEIGHT = 300;
const MARGIN = { top: 16, right: 16, bottom: 56, left: 64 } as const;

/** A rounded axis maximum and its step: 1, 2 or 5 × 10^n, about five ticks. */
function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude;
  const top = Math.ceil(max / step) * step;
  return { top, step: Math.max(step, Number.EPSILON) };
}

/** A number with at most 1 decimal, for SVG coordinates. */
const at = (value: number): string => String(Math.round(value * 10) / 10);

/**
 * A grouped bar chart as inline SVG for an HTML page (no namespace attribute: the HTML parser knows `svg`; no script,
 * no external resource): y axis with gridlines and French numbers,
 * category labels, a legend, `role="img"` with its title and description. Values are counts (≥ 0).
 */
export function barChartSvg(chart: BarChart): string {
  const values = chart.series.flatMap((series) => series.values.filter((value): value is number => value !== null));
  const { top, step } = niceScale(Math.max(0, ...values));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (value: number): number => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const groupWidth = plotWidth / Math.max(1, chart.categories.length);
  const barWidth = (groupWidth * 0.7) / Math.max(1, chart.series.length);
  const parts: string[] = [];
  for (let tick = 0; tick <= top + step / 2; tick += step) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${at(y(tick))}" y2="${at(y(tick))}" stroke="#dddddd" stroke-width="1"/>`,
      `<text x="${MARGIN.left - 8}" y="${at(y(tick) + 4)}" text-anchor="end" font-size="12" fill="#3a3a3a">${escapeXml(formatInteger(tick))}</text>`,
    );
  }
  chart.categories.forEach((category, index) => {
    const groupX = MARGIN.left + index * groupWidth + groupWidth * 0.15;
    chart.series.forEach((series, seriesIndex) => {
      const value = series.values[index];
      if (value === null || value === undefined || value <= 0) return;
      const x = groupX + seriesIndex * barWidth;
      parts.push(
        `<rect x="${at(x)}" y="${at(y(value))}" width="${at(Math.max(1, barWidth - 2))}" height="${at(MARGIN.top + plotHeight - y(value))}" fill="${series.color}">` +
          `<title>${escapeXml(`${category} — ${series.name} : ${formatInteger(value)}`)}</title></rect>`,
      );
    });
    parts.push(
      `<text x="${at(MARGIN.left + index * groupWidth + groupWidth / 2)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle" font-size="12" fill="#3a3a3a">${escapeXml(category)}</text>`,
    );
  });
  parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${at(y(0))}" y2="${at(y(0))}" stroke="#3a3a3a" stroke-width="1"/>`);
  chart.series.forEach((series, index) => {
    const x = MARGIN.left + index * 200;
    parts.push(
      `<rect x="${x}" y="${HEIGHT - 22}" width="12" height="12" fill="${series.color}"/>`,
      `<text x="${x + 18}" y="${HEIGHT - 12}" font-size="12" fill="#161616">${escapeXml(series.name)}</text>`,
    );
  });
  const titleId = `${chart.id}-titre`;
  const descId = `${chart.id}-description`;
  return (
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${titleId} ${descId}" class="obs-chart__svg">` +
    `<title id="${titleId}">${escapeXml(chart.title)}</title><desc id="${descId}">${escapeXml(chart.description)}</desc>${parts.join('')}</svg>`
  );
}
