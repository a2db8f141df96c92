/**
 * Discretisation of the map's figures into classes: thresholds, class of a value, and the colours and widths of
 * the classes. Plain TypeScript (no DOM) so that the legend, the canvas and the PNG share exactly the same classes.
 */

/**
 * Classes of a measure as `d3.scaleThreshold` has them: `thresholds` [t1 … tk−1] split the values into k classes,
 * class 0 below t1, class i in [ti, ti+1). `min` and `max` are the extreme values, printed at both ends of the legend.
 */
export interface ClassScale {
  readonly thresholds: readonly number[];
  readonly min: number;
  readonly max: number;
  /** Whole numbers (journeys): the legend says « de 6 à 19 » instead of « de 6 à moins de 20 ». */
  readonly integer: boolean;
  /** Classes fixed beforehand (the evolution): the end classes are open, « moins de −25 % », « +25 % et plus ». */
  readonly open?: boolean;
}

/** Flow classes, light to dark and thin to thick: the DSFR blue-france scale (colour and width say the same). */
export const FLOW_COLOURS = ['#8585f6', '#6a6af4', '#313178', '#000091', '#1b1b35'] as const;
/** Screen-pixel widths of the flow classes, whatever the zoom. */
export const FLOW_WIDTHS = [1.25, 2.5, 4.5, 7, 10] as const;
/** Sequential fill of the choropleth (DSFR green-menthe), light enough for the flows drawn over it. */
export const CHOROPLETH_COLOURS = ['#dffdf7', '#bafaee', '#73e0cf', '#21ab8e', '#009081'] as const;
/** Diverging fill of the evolution: decline in pink-tuile, stability in grey, growth in green-menthe. */
export const EVOLUTION_COLOURS = ['#a94645', '#fcbfb7', '#eeeeee', '#73e0cf', '#009081'] as const;
/** Evolution classes (relative change): a fall of more than 25 %, 5–25 %, stable within ±5 %, a rise of 5–25 %, more. */
export const EVOLUTION_THRESHOLDS = [-0.25, -0.05, 0.05, 0.25] as const;

/** The class a value falls in: the number of thresholds at or below it. */
export function classIndex(scale: Pick<ClassScale, 'thresholds'>, value: number): number {
  let index = 0;
  while (index < scale.thresholds.length && value >= (scale.thresholds[index] as number)) index += 1;
  return index;
}

/**
 * Rounds a positive value to the nearest « round » number a reader expects in a legend (1, 2, 2.5, 5 × 10ⁿ),
 * nearest on a log scale so that 18.8 becomes 20 and 59 becomes 50.
 */
export function niceNumber(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return value;
  const power = 10 ** Math.floor(Math.log10(value));
  const candidates = [1, 2, 2.5, 5, 10].map((step) => step * power);
  let best = candidates[0] as number;
  for (const candidate of candidates) {
    if (Math.abs(Math.log(candidate / value)) < Math.abs(Math.log(best / value))) best = candidate;
  }
  // Floating error on powers of ten below 1 (0.1 × 2.5): keep the number as typed.
  return Number(best.toPrecision(6));
}

/** Rounds to two significant digits (legend values of ratios): 0.4127 → 0.41, 12.68 → 13. */
function twoDigits(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(2));
}

/**
 * Thresholds in geometric progression between `min` and `max`, rounded to nice numbers: suited to flows, whose
 * journeys are very skewed (a few big flows, many small ones), so that every class holds some flows and the big
 * ones stand out. On a narrow range, where nice numbers would all fall outside it, two significant digits are kept
 * instead; fewer classes when the range cannot hold them all; none when every value is the same.
 */
export function geometricThresholds(min: number, max: number, classes: number, integer: boolean): number[] {
  if (!(min > 0) || !(max > min) || classes < 2) return [];
  const ratio = (max / min) ** (1 / classes);
  const thresholds: number[] = [];
  for (let step = 1; step < classes; step += 1) {
    const exact = min * ratio ** step;
    const floor = thresholds.at(-1) ?? min;
    const value = [niceNumber(exact), twoDigits(exact)]
      .map((candidate) => (integer ? Math.round(candidate) : candidate))
      .find((candidate) => candidate > floor && candidate <= max);
    if (value !== undefined) thresholds.push(value);
  }
  return thresholds;
}

/**
 * Thresholds at the quantiles of the values (each class holds about as many places), rounded to two significant
 * digits: suited to ratios (journeys per 1,000 inhabitants, internal share) whose spread has no natural scale.
 */
export function quantileThresholds(values: readonly number[], classes: number): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length < 2 || classes < 2) return [];
  const thresholds: number[] = [];
  for (let step = 1; step < classes; step += 1) {
    const value = twoDigits(sorted[Math.floor((step * sorted.length) / classes)] as number);
    // Compared with the rounded minimum: a threshold the legend would print like the minimum splits nothing visible.
    if (value > (thresholds.at(-1) ?? twoDigits(sorted[0] as number)) && value <= (sorted.at(-1) as number)) thresholds.push(value);
  }
  return thresholds;
}

/** Classes of flow journeys: geometric progression from the smallest flow shown to the largest, five at most. */
export function flowScale(journeys: readonly number[]): ClassScale {
  if (journeys.length === 0) return { thresholds: [], min: 0, max: 0, integer: true };
  const min = Math.min(...journeys);
  const max = Math.max(...journeys);
  return { thresholds: geometricThresholds(min, max, FLOW_WIDTHS.length, true), min, max, integer: true };
}

/** Colour and width of flow class `index`; the darkest and thickest classes are used when there are fewer classes. */
export function flowStyle(scale: ClassScale, index: number): { colour: string; width: number } {
  // With k < 5 classes, use the last k styles: the largest flow is always drawn dark and thick.
  const offset = FLOW_WIDTHS.length - (scale.thresholds.length + 1);
  const at = Math.min(FLOW_WIDTHS.length - 1, Math.max(0, index + offset));
  return { colour: FLOW_COLOURS[at] as string, width: FLOW_WIDTHS[at] as number };
}

/**
 * Radius in screen pixels of a proportional circle: the area follows the value (radius ∝ √value), the largest
 * value gets `maxRadius`. Zero or negative values get no circle.
 */
export function circleRadius(value: number, maxValue: number, maxRadius: number): number {
  if (!(value > 0) || !(maxValue > 0)) return 0;
  return maxRadius * Math.sqrt(value / maxValue);
}
