import { MAP_COLOURS } from './map-draw';
import type { LegendModel } from './map-legend';

/**
 * The PNG export: the map as drawn (zoom included) with its title, period, legend, threshold and source printed
 * around it, so that the image still says what it shows once pasted in a report.
 */

const MARGIN = 24;
const GAP = 24;
const LEGEND_WIDTH = 300;
const FONT = 'Marianne, arial, sans-serif';
const TEXT = '#161616';
const MUTED = '#3a3a3a';

/** Lines of at most `maxWidth` (as `measure` reports widths), cut between words; a word too long stays whole. */
export function wrapText(text: string, maxWidth: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((item) => item !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measure(candidate) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Text as the canvas can print it: the narrow no-break spaces of French number formats (`1 234`, `12 %`) become
 * no-break spaces, which the Marianne font has (it has no narrow one, and the canvas would print nothing).
 */
export function canvasText(text: string): string {
  return text.replace(/\u202f/g, '\u00a0');
}

/** Writes wrapped text from `y` (top) and answers the height used; measures only when `draw` is false. */
function paragraph(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, width: number, font: string, lineHeight: number, draw: boolean): number {
  ctx.font = font;
  const lines = wrapText(canvasText(text), width, (candidate) => ctx.measureText(candidate).width);
  if (draw) lines.forEach((line, index) => ctx.fillText(line, x, y + index * lineHeight));
  return lines.length * lineHeight;
}

/** The legend column from `y`; answers its height (nothing drawn when `draw` is false). */
function paintLegend(ctx: CanvasRenderingContext2D, legend: LegendModel, x: number, top: number, draw: boolean): number {
  const width = LEGEND_WIDTH;
  const labelX = x + 52;
  const labelWidth = width - 52;
  let y = top;
  ctx.textBaseline = 'top';
  ctx.fillStyle = TEXT;
  const title = (text: string): void => {
    y += paragraph(ctx, text, x, y, width, `700 14px ${FONT}`, 19, draw) + 6;
  };
  const label = (text: string, rowHeight: number): number => paragraph(ctx, text, labelX, y + (rowHeight - 17) / 2, labelWidth, `13px ${FONT}`, 17, draw);

  if (legend.flows) {
    title(legend.flows.title);
    for (const item of legend.flows.items) {
      const rowHeight = Math.max(20, item.width + 8);
      if (draw) {
        ctx.strokeStyle = item.colour;
        ctx.lineWidth = item.width;
        ctx.beginPath();
        ctx.moveTo(x, y + rowHeight / 2);
        ctx.lineTo(x + 40, y + rowHeight / 2);
        ctx.stroke();
      }
      y += Math.max(rowHeight, label(item.label, rowHeight)) + 2;
    }
    y += 8;
  }
  if (legend.discs) y += paragraph(ctx, legend.discs, x, y, width, `12px ${FONT}`, 16, draw) + 12;
  if (legend.overlay) {
    if (draw) {
      ctx.strokeStyle = legend.overlay.colour;
      ctx.lineWidth = 4;
      ctx.beginPath();
      ctx.moveTo(x, y + 10);
      ctx.lineTo(x + 40, y + 10);
      ctx.stroke();
    }
    y += Math.max(20, label(legend.overlay.label, 20)) + 12;
  }
  if (legend.circles) {
    title(legend.circles.title);
    const largest = Math.max(...legend.circles.items.map((item) => item.radius));
    const baseline = y + 2 * largest;
    const cx = x + largest;
    for (const item of legend.circles.items) {
      if (!draw) continue;
      const circleTop = baseline - 2 * item.radius;
      ctx.beginPath();
      ctx.arc(cx, baseline - item.radius, item.radius, 0, 2 * Math.PI);
      ctx.fillStyle = MAP_COLOURS.circleFill;
      ctx.fill();
      ctx.strokeStyle = MAP_COLOURS.circleLine;
      ctx.lineWidth = 1;
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(cx, circleTop);
      ctx.lineTo(cx + largest + 12, circleTop);
      ctx.stroke();
      ctx.fillStyle = TEXT;
      ctx.font = `12px ${FONT}`;
      ctx.textBaseline = 'middle';
      ctx.fillText(canvasText(item.label), cx + largest + 16, circleTop);
      ctx.textBaseline = 'top';
    }
    y = baseline + 16;
  }
  if (legend.choropleth) {
    title(legend.choropleth.title);
    for (const item of legend.choropleth.items) {
      if (draw) {
        ctx.fillStyle = item.colour;
        ctx.fillRect(x, y + 3, 40, 14);
        ctx.strokeStyle = MAP_COLOURS.regionLine;
        ctx.lineWidth = 0.5;
        ctx.strokeRect(x, y + 3, 40, 14);
        ctx.fillStyle = TEXT;
      }
      y += Math.max(20, label(item.label, 20)) + 2;
    }
  }
  return y - top;
}

/**
 * Composes the exported image: `map` is the map drawn at `scale` device pixels per CSS pixel (`mapWidth` ×
 * `mapHeight` CSS pixels); the title, period and filters go above it, the legend to its right, the threshold and
 * source below. Answers a canvas at the same `scale`, for `toDataURL('image/png')`.
 */
export function composeMapImage(map: HTMLCanvasElement, mapWidth: number, mapHeight: number, legend: LegendModel, scale: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D indisponible : l’image ne peut pas être composée.');
  const width = MARGIN + mapWidth + GAP + LEGEND_WIDTH + MARGIN;
  const textWidth = width - 2 * MARGIN;

  // First pass: measure what the texts need, then size the canvas (which resets the context) and draw.
  const layout = (draw: boolean): number => {
    ctx.textBaseline = 'top';
    ctx.fillStyle = TEXT;
    let y = MARGIN;
    y += paragraph(ctx, legend.title, MARGIN, y, textWidth, `700 22px ${FONT}`, 28, draw) + 4;
    ctx.fillStyle = MUTED;
    y += paragraph(ctx, `${legend.period} — ${legend.filters}`, MARGIN, y, textWidth, `14px ${FONT}`, 19, draw) + 16;
    const mapTop = y;
    if (draw) {
      ctx.drawImage(map, MARGIN, mapTop, mapWidth, mapHeight);
      ctx.strokeStyle = MAP_COLOURS.departementLine;
      ctx.lineWidth = 1;
      ctx.strokeRect(MARGIN + 0.5, mapTop + 0.5, mapWidth - 1, mapHeight - 1);
    }
    const legendHeight = paintLegend(ctx, legend, MARGIN + mapWidth + GAP, mapTop, draw);
    y = mapTop + Math.max(mapHeight, legendHeight) + 16;
    ctx.fillStyle = MUTED;
    y += paragraph(ctx, legend.threshold, MARGIN, y, textWidth, `12px ${FONT}`, 16, draw) + 2;
    y += paragraph(ctx, legend.source, MARGIN, y, textWidth, `12px ${FONT}`, 16, draw);
    return y + MARGIN;
  };
  const height = layout(false);
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.fillStyle = MAP_COLOURS.paper;
  ctx.fillRect(0, 0, width, height);
  layout(true);
  return canvas;
}

/** The base64 payload of a PNG data URL (what `map:export-png` takes). */
export function pngBase64(dataUrl: string): string {
  return dataUrl.replace(/^data:image\/png;base64,/, '');
}
