import { describe, expect, it } from 'vitest';
import { fakeMapResult } from '@renderer/api/fake-map';
import { FLOW_WIDTHS } from './map-classes';
import { boundsOf, fitFrame, unitProject, type ViewTransform } from './map-geometry';
import { hitTest } from './map-hit';
import { buildScene, fitBounds, MAX_CIRCLE_RADIUS, metropoleBounds } from './map-scene';

const QUERY = { level: 'com', territory: { level: 'dep', code: '44' }, from: '2026-08-01', to: '2026-10-31', direction: 'both' } as const;
const result = fakeMapResult(QUERY, 6);

/** The frame the canvas would use for an 800 × 560 map fitted to the answer. */
function screenOf(): ViewTransform {
  const frame = fitFrame(fitBounds(result, null), 800, 560, 32);
  return { k: frame.scale, x: frame.tx, y: frame.ty };
}

describe('buildScene', () => {
  it('draws located flows, biggest last, internal flows as discs, and leaves out flows without position', () => {
    const scene = buildScene(result, { lines: 'arcs', circles: 'journeys' });
    const unplaced = result.flows.findIndex((flow) => flow.origin === '44999');
    expect(unplaced).toBeGreaterThanOrEqual(0);
    expect(scene.flows.some((flow) => flow.index === unplaced)).toBe(false);
    expect(scene.discs.map((disc) => result.flows[disc.index]?.origin)).toEqual(['44109']);
    expect(scene.flows).toHaveLength(result.flows.length - 2);
    const journeys = scene.flows.map((flow) => flow.journeys);
    expect(journeys).toEqual([...journeys].sort((a, b) => a - b));
    expect(scene.flows.at(-1)?.width).toBe(FLOW_WIDTHS[4]);
    expect(scene.flows.every((flow) => flow.control !== null)).toBe(true);
  });

  it('draws straight lines, and circles sized by the measure chosen, largest first', () => {
    const scene = buildScene(result, { lines: 'straight', circles: 'departures' });
    expect(scene.flows.every((flow) => flow.control === null)).toBe(true);
    const nantes = result.places.findIndex((place) => place.code === '44109');
    expect(scene.circles[0]).toMatchObject({ index: nantes, radius: MAX_CIRCLE_RADIUS });
    expect(scene.circleMax).toBe(result.places[nantes]?.departures);
    expect(buildScene(result, { lines: 'straight', circles: 'none' }).circles).toEqual([]);
  });

  it('labels the busiest places of the territory only', () => {
    const scene = buildScene(result, { lines: 'arcs', circles: 'none' });
    expect(scene.labels[0]?.text).toBe('Nantes');
    expect(scene.labels.map((label) => label.text)).not.toContain('Angers');
  });

  it('carries the overlay share of each flow', () => {
    const overlaid = fakeMapResult({ ...QUERY, overlay: { kind: 'flagged' } }, 6);
    const scene = buildScene(overlaid, { lines: 'arcs', circles: 'none' });
    expect(scene.flows.at(-1)?.overlayShare).toBeCloseTo(0.05, 2);
  });
});

describe('fitBounds', () => {
  it('fits the territory’s contour when there is one, else its places', () => {
    const ring: Array<[number, number]> = [[-2.56, 46.86], [-1.0, 46.86], [-1.0, 47.83], [-2.56, 47.83], [-2.56, 46.86]];
    expect(fitBounds(result, { coordinates: [ring] })).toEqual(boundsOf(ring.map(unitProject)));
    const places = fitBounds(result, null);
    // Angers, outside the territory, does not widen the extent.
    expect(places[1][0]).toBeLessThan(unitProject([-0.5632, 47.4784])[0]);
  });

  it('falls back on metropolitan France', () => {
    expect(fitBounds({ places: [], territory: null }, null)).toEqual(metropoleBounds());
  });
});

describe('hitTest', () => {
  it('finds the flow, the internal disc and the circle under the pointer', () => {
    const scene = buildScene(result, { lines: 'straight', circles: 'journeys' });
    const view = screenOf();
    const toScreen = ([x, y]: readonly [number, number]): [number, number] => [x * view.k + view.x, y * view.k + view.y];
    const nantes = toScreen(unitProject([-1.5536, 47.2184]));
    const stNazaire = toScreen(unitProject([-2.2139, 47.2736]));
    // The internal flow of Nantes is drawn on top of everything at its position.
    const disc = hitTest(scene, view, nantes);
    expect(disc?.kind).toBe('flow');
    expect(result.flows[disc?.index ?? -1]?.internal).toBe(true);
    // Halfway along Saint-Nazaire → Nantes (straight lines overlap both ways: the one drawn on top wins).
    const middle: [number, number] = [(nantes[0] + stNazaire[0]) / 2, (nantes[1] + stNazaire[1]) / 2];
    const flow = hitTest(scene, view, middle);
    expect(flow?.kind).toBe('flow');
    expect([result.flows[flow?.index ?? -1]?.origin, result.flows[flow?.index ?? -1]?.destination].sort()).toEqual(['44109', '44184']);
    expect(hitTest(scene, view, [5, 5])).toBeNull();
    // Circles come last: inside Saint-Nazaire's circle, on a map without flows.
    const circles = buildScene({ flows: [], places: result.places }, { lines: 'straight', circles: 'journeys' });
    const stNazaireIndex = result.places.findIndex((place) => place.code === '44184');
    const radius = circles.circles.find((circle) => circle.index === stNazaireIndex)?.radius ?? 0;
    expect(radius).toBeGreaterThan(2);
    expect(hitTest(circles, view, [stNazaire[0], stNazaire[1] + radius - 1])).toEqual({ kind: 'place', index: stNazaireIndex });
  });

  it('tells the two directions of a pair apart on arcs', () => {
    const scene = buildScene(result, { lines: 'arcs', circles: 'none' });
    const view = screenOf();
    const there = scene.flows.find((flow) => result.flows[flow.index]?.origin === '44184');
    const back = scene.flows.find((flow) => result.flows[flow.index]?.destination === '44184');
    if (!there?.control || !back?.control) throw new Error('arcs attendus');
    const apex = (flow: typeof there): [number, number] => {
      const [x, y] = [0.25 * flow.a[0] + 0.5 * (flow.control?.[0] ?? 0) + 0.25 * flow.b[0], 0.25 * flow.a[1] + 0.5 * (flow.control?.[1] ?? 0) + 0.25 * flow.b[1]];
      return [x * view.k + view.x, y * view.k + view.y];
    };
    expect(hitTest(scene, view, apex(there))).toEqual({ kind: 'flow', index: there.index });
    expect(hitTest(scene, view, apex(back))).toEqual({ kind: 'flow', index: back.index });
  });
});
