import { arrowHead, arrowSize, quadraticLength, toScreen, trimQuadratic, type Point, type ViewTransform } from './map-geometry';
import type { MapTarget } from './map-hit';
import type { Scene, SceneFlow } from './map-scene';

/**
 * Canvas 2D drawing of the map (no WebGL: it must draw on virtual machines, remote desktops and headless Chromium).
 *
 * A full drawing batches its work: the background is a handful of `Path2D` built once per answer and only re-placed
 * with `setTransform`; flows are stroked one class at a time (one `stroke()` for all the flows of a class, one
 * `fill()` for their arrow heads), so 5,000 flows cost about ten draw calls. Line widths, arrow heads and circles keep
 * their size in screen pixels whatever the zoom: flows are mapped to the screen point by point.
 *
 * Rasterising thousands of thick anti-aliased curves still takes tens of milliseconds on a software renderer, so a
 * pan or zoom gesture only moves the last full drawing (`drawCachedFrame`, one `drawImage`), and what is pointed at or
 * selected is drawn over a copy of it (`drawEmphases`): the full drawing runs once per answer, size or gesture end.
 */

/** Contours behind the flows, in the scene's coordinates. */
export interface BackgroundLayers {
  readonly regions: Path2D | null;
  readonly departements: Path2D | null;
  /** Contours of the places of the map's level (when the store holds them). */
  readonly places: Path2D | null;
  /** The places' contours grouped by choropleth class, one path per colour. */
  readonly choropleth: ReadonlyArray<{ readonly colour: string; readonly path: Path2D }>;
}

export const EMPTY_BACKGROUND: BackgroundLayers = { regions: null, departements: null, places: null, choropleth: [] };

/** Canvas size and zoom of one drawing. */
export interface DrawState {
  /** CSS pixels. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  /** From the scene's coordinates to CSS pixels (frame and zoom composed). */
  readonly transform: ViewTransform;
}

export const MAP_COLOURS = {
  paper: '#ffffff',
  regionFill: '#f6f6f6',
  regionLine: '#929292',
  departementLine: '#cecece',
  placeLine: '#dddddd',
  circleFill: 'rgba(70, 95, 157, 0.14)',
  circleLine: '#465f9d',
  /** DSFR orange-terre-battue: the overlay reads apart from the blue flows. */
  overlay: '#e4794a',
  /** DSFR yellow-tournesol halo around what is pointed at or selected. */
  highlight: '#fcc63a',
  label: '#161616',
} as const;

const LABEL_FONT = '600 12px Marianne, arial, sans-serif';

/** Flows shorter than this many arrow lengths get no arrow head (it would hide the whole line). */
const MIN_ARROW_RATIO = 2.5;

/** The screen geometry of a flow: where its line ends (before the arrow head) and the head, if any. */
interface FlowPath {
  readonly a: Point;
  readonly control: Point | null;
  readonly end: Point;
  readonly head: [Point, Point, Point] | null;
}

function flowPath(flow: SceneFlow, transform: ViewTransform): FlowPath {
  const a = toScreen(transform, flow.a);
  const b = toScreen(transform, flow.b);
  const control = flow.control ? toScreen(transform, flow.control) : null;
  const { length, halfWidth } = arrowSize(flow.width);
  const total = control ? quadraticLength(a, control, b) : Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (total < length * MIN_ARROW_RATIO) return { a, control, end: b, head: null };
  const t = 1 - length / total;
  if (control) {
    const trimmed = trimQuadratic(a, control, b, t);
    return { a, control: trimmed.control, end: trimmed.end, head: arrowHead(trimmed.end, b, halfWidth) };
  }
  const end: Point = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
  return { a, control: null, end, head: arrowHead(end, b, halfWidth) };
}

function traceLine(ctx: CanvasRenderingContext2D, path: FlowPath): void {
  ctx.moveTo(path.a[0], path.a[1]);
  if (path.control) ctx.quadraticCurveTo(path.control[0], path.control[1], path.end[0], path.end[1]);
  else ctx.lineTo(path.end[0], path.end[1]);
}

function traceHead(ctx: CanvasRenderingContext2D, head: [Point, Point, Point]): void {
  ctx.moveTo(head[0][0], head[0][1]);
  ctx.lineTo(head[1][0], head[1][1]);
  ctx.lineTo(head[2][0], head[2][1]);
  ctx.closePath();
}

function drawBackground(ctx: CanvasRenderingContext2D, background: BackgroundLayers, state: DrawState): void {
  const { dpr, transform } = state;
  ctx.setTransform(dpr * transform.k, 0, 0, dpr * transform.k, dpr * transform.x, dpr * transform.y);
  // Widths are divided by the zoom: contours keep their screen width.
  const px = 1 / transform.k;
  if (background.regions) {
    ctx.fillStyle = MAP_COLOURS.regionFill;
    ctx.fill(background.regions);
  }
  for (const layer of background.choropleth) {
    ctx.fillStyle = layer.colour;
    ctx.fill(layer.path);
  }
  ctx.lineJoin = 'round';
  if (background.places) {
    ctx.strokeStyle = MAP_COLOURS.placeLine;
    ctx.lineWidth = 0.5 * px;
    ctx.stroke(background.places);
  }
  if (background.departements) {
    ctx.strokeStyle = MAP_COLOURS.departementLine;
    ctx.lineWidth = 0.75 * px;
    ctx.stroke(background.departements);
  }
  if (background.regions) {
    ctx.strokeStyle = MAP_COLOURS.regionLine;
    ctx.lineWidth = 1 * px;
    ctx.stroke(background.regions);
  }
}

function drawCircles(ctx: CanvasRenderingContext2D, scene: Scene, transform: ViewTransform): void {
  if (scene.circles.length === 0) return;
  ctx.beginPath();
  for (const circle of scene.circles) {
    const [x, y] = toScreen(transform, circle.centre);
    ctx.moveTo(x + circle.radius, y);
    ctx.arc(x, y, circle.radius, 0, 2 * Math.PI);
  }
  ctx.fillStyle = MAP_COLOURS.circleFill;
  ctx.fill();
  ctx.strokeStyle = MAP_COLOURS.circleLine;
  ctx.lineWidth = 1;
  ctx.stroke();
}

function drawFlows(ctx: CanvasRenderingContext2D, scene: Scene, transform: ViewTransform): void {
  const paths = scene.flows.map((flow) => flowPath(flow, transform));
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'round';
  // Flows are sorted by journeys, hence by class: each run of one class is one stroke and one fill.
  let start = 0;
  while (start < scene.flows.length) {
    const first = scene.flows[start] as SceneFlow;
    let end = start;
    while (end < scene.flows.length && (scene.flows[end] as SceneFlow).classIndex === first.classIndex) end += 1;
    ctx.beginPath();
    for (let i = start; i < end; i += 1) traceLine(ctx, paths[i] as FlowPath);
    ctx.strokeStyle = first.colour;
    ctx.lineWidth = first.width;
    ctx.stroke();
    ctx.beginPath();
    for (let i = start; i < end; i += 1) {
      const head = (paths[i] as FlowPath).head;
      if (head) traceHead(ctx, head);
    }
    ctx.fillStyle = first.colour;
    ctx.fill();
    start = end;
  }
  drawOverlay(ctx, scene, paths);
}

/**
 * The overlay's share of each flow, as an orange line down the middle of the flow, as wide as its share of the
 * flow's width (grouped by width rounded to half a pixel: one stroke per group).
 */
function drawOverlay(ctx: CanvasRenderingContext2D, scene: Scene, paths: readonly FlowPath[]): void {
  const byWidth = new Map<number, FlowPath[]>();
  scene.flows.forEach((flow, i) => {
    if (!flow.overlayShare) return;
    const width = Math.max(1, Math.round(flow.width * flow.overlayShare * 2) / 2);
    const group = byWidth.get(width) ?? [];
    group.push(paths[i] as FlowPath);
    byWidth.set(width, group);
  });
  ctx.strokeStyle = MAP_COLOURS.overlay;
  for (const [width, group] of byWidth) {
    ctx.beginPath();
    for (const path of group) traceLine(ctx, path);
    ctx.lineWidth = width;
    ctx.stroke();
  }
}

function drawDiscs(ctx: CanvasRenderingContext2D, scene: Scene, transform: ViewTransform): void {
  ctx.lineWidth = 1;
  ctx.strokeStyle = MAP_COLOURS.paper;
  for (const disc of scene.discs) {
    const [x, y] = toScreen(transform, disc.centre);
    ctx.beginPath();
    ctx.arc(x, y, disc.radius, 0, 2 * Math.PI);
    ctx.fillStyle = disc.colour;
    ctx.fill();
    ctx.stroke();
    if (disc.overlayShare) {
      // Same area rule as the circles: the inner disc's area is the overlay's share.
      ctx.beginPath();
      ctx.arc(x, y, disc.radius * Math.sqrt(disc.overlayShare), 0, 2 * Math.PI);
      ctx.fillStyle = MAP_COLOURS.overlay;
      ctx.fill();
    }
  }
}

/** Names of the busiest places, with a white halo; a name overlapping one already printed is skipped. */
function drawLabels(ctx: CanvasRenderingContext2D, scene: Scene, state: DrawState): void {
  ctx.font = LABEL_FONT;
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3;
  ctx.strokeStyle = MAP_COLOURS.paper;
  ctx.fillStyle = MAP_COLOURS.label;
  const taken: Array<[number, number, number, number]> = [];
  for (const label of scene.labels) {
    const [x, y] = toScreen(state.transform, label.at);
    const box: [number, number, number, number] = [x + 6, y - 8, x + 6 + ctx.measureText(label.text).width, y + 8];
    if (box[2] < 0 || box[0] > state.width || box[3] < 0 || box[1] > state.height) continue;
    if (taken.some((other) => box[0] < other[2] && box[2] > other[0] && box[1] < other[3] && box[3] > other[1])) continue;
    taken.push(box);
    ctx.strokeText(label.text, box[0], y);
    ctx.fillText(label.text, box[0], y);
  }
}

/** A yellow halo around a flow, a disc or a circle, then the item again on top of it. */
function drawEmphasis(ctx: CanvasRenderingContext2D, scene: Scene, target: MapTarget, transform: ViewTransform): void {
  if (target.kind === 'place') {
    // Without proportional circles, a ring marks the place's position.
    const circle = scene.circles.find((item) => item.index === target.index);
    const centre = circle?.centre ?? scene.placePoints[target.index];
    if (!centre) return;
    const [x, y] = toScreen(transform, centre);
    ctx.beginPath();
    ctx.arc(x, y, circle?.radius ?? 6, 0, 2 * Math.PI);
    ctx.lineWidth = 4;
    ctx.strokeStyle = MAP_COLOURS.highlight;
    ctx.stroke();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = MAP_COLOURS.circleLine;
    ctx.stroke();
    return;
  }
  const disc = scene.discs.find((item) => item.index === target.index);
  if (disc) {
    const [x, y] = toScreen(transform, disc.centre);
    ctx.beginPath();
    ctx.arc(x, y, disc.radius + 2, 0, 2 * Math.PI);
    ctx.lineWidth = 4;
    ctx.strokeStyle = MAP_COLOURS.highlight;
    ctx.stroke();
    return;
  }
  const flow = scene.flows.find((item) => item.index === target.index);
  if (!flow) return;
  const path = flowPath(flow, transform);
  ctx.beginPath();
  traceLine(ctx, path);
  ctx.lineWidth = flow.width + 6;
  ctx.strokeStyle = MAP_COLOURS.highlight;
  ctx.stroke();
  ctx.lineWidth = flow.width;
  ctx.strokeStyle = flow.colour;
  ctx.stroke();
  if (path.head) {
    ctx.beginPath();
    traceHead(ctx, path.head);
    ctx.fillStyle = flow.colour;
    ctx.lineWidth = 2;
    ctx.strokeStyle = MAP_COLOURS.highlight;
    ctx.stroke();
    ctx.fill();
  }
}

/**
 * Draws the whole map: paper, background contours and choropleth, place circles, flows with their arrow heads and
 * overlay, internal flows' discs, labels.
 */
export function drawMap(ctx: CanvasRenderingContext2D, scene: Scene, background: BackgroundLayers, state: DrawState): void {
  const { dpr } = state;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = MAP_COLOURS.paper;
  ctx.fillRect(0, 0, state.width, state.height);
  drawBackground(ctx, background, state);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  drawCircles(ctx, scene, state.transform);
  drawFlows(ctx, scene, state.transform);
  drawDiscs(ctx, scene, state.transform);
  drawLabels(ctx, scene, state);
}

/** The yellow halo of what is selected and of what is pointed at, over a drawing of the same state. */
export function drawEmphases(ctx: CanvasRenderingContext2D, scene: Scene, targets: ReadonlyArray<MapTarget | null>, state: DrawState): void {
  ctx.setTransform(state.dpr, 0, 0, state.dpr, 0, 0);
  for (const target of targets) {
    if (target) drawEmphasis(ctx, scene, target, state.transform);
  }
}

/**
 * A previous full drawing (`cache`, same size in device pixels) moved by `relative` (see `relativeTransform`): what
 * a gesture shows until it ends. Zooming in blurs it and zooming out leaves paper at the edges, for a moment.
 */
export function drawCachedFrame(ctx: CanvasRenderingContext2D, cache: CanvasImageSource, relative: ViewTransform, state: Omit<DrawState, 'transform'>): void {
  const { dpr } = state;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = MAP_COLOURS.paper;
  ctx.fillRect(0, 0, state.width, state.height);
  ctx.setTransform(dpr * relative.k, 0, 0, dpr * relative.k, dpr * relative.x, dpr * relative.y);
  // Nearest-neighbour scaling is four times faster than smoothing on a software renderer; the picture is only shown
  // while the gesture lasts.
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(cache, 0, 0, state.width, state.height);
  ctx.imageSmoothingEnabled = true;
}
