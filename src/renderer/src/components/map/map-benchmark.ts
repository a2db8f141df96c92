import type { MapFlow, MapPlace } from '@shared/types/map';
import { drawCachedFrame, drawEmphases, drawMap, EMPTY_BACKGROUND, type DrawState } from './map-draw';
import { boundsOf, composeTransform, fitFrame, IDENTITY, relativeTransform, unitProject, type ViewTransform } from './map-geometry';
import { buildScene } from './map-scene';

/**
 * Drawing times of the map on synthetic flows, measured in a real browser: `e2e/specs/map.spec.ts` bundles this
 * module into a blank Chromium page (no GPU, as on a virtual machine) and prints what it answers. Not used by the app.
 */

/** Median and 95th percentile of a series of timings, milliseconds. */
export interface Timing {
  readonly median: number;
  readonly p95: number;
}

export interface MapBenchmark {
  readonly flows: number;
  readonly discs: number;
  /** Building the scene of the answer (classes, positions, arcs). */
  readonly sceneMs: number;
  /** A full drawing: once per answer, canvas size or end of gesture. */
  readonly full: Timing;
  /** One image of a pan or zoom gesture: the last full drawing moved. */
  readonly gesture: Timing;
  /** One image when the pointer moves over another flow: the last full drawing copied, then a halo. */
  readonly hover: Timing;
}

function timing(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0 };
}

/** A reproducible generator (Park–Miller), so that every run draws the same map. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16_807) % 2_147_483_647;
    return (state - 1) / 2_147_483_646;
  };
}

/**
 * 400 places over a région-sized area and `flowCount` flows between places less than about 80 km apart, skewed like
 * real flows (many small ones, a few big ones); a third carry an overlay.
 */
export function syntheticAnswer(flowCount: number): { flows: MapFlow[]; places: MapPlace[] } {
  const random = generator(7);
  const places: MapPlace[] = Array.from({ length: 400 }, (_, i) => ({
    code: String(10_000 + i), name: `Lieu ${i}`, position: [-2.5 + random() * 4, 46.5 + random() * 2.5],
    departures: 0, arrivals: 0, internal: 0, journeys: Math.round(10 + 5_000 * random() ** 4), rpcCents: 0, population: null,
    perThousand: null, internalShare: null, previousJourneys: null, evolution: null, inTerritory: true, overlayJourneys: null,
  }));
  const near = places.map((place) =>
    places.filter((other) => place.position && other.position && Math.hypot(other.position[0] - place.position[0], other.position[1] - place.position[1]) < 0.8),
  );
  const flows: MapFlow[] = Array.from({ length: flowCount }, (_, i) => {
    const from = Math.floor(random() * places.length);
    const origin = places[from] as MapPlace;
    const candidates = near[from] ?? [];
    const destination = candidates[Math.floor(random() * candidates.length)] ?? origin;
    return {
      origin: origin.code, originName: null, destination: destination.code, destinationName: null, internal: origin === destination,
      journeys: Math.round(6 + 2_000 * random() ** 8), rpcCents: 0, overlayJourneys: i % 3 === 0 ? 3 : null,
    };
  });
  return { flows, places };
}

/**
 * Times the three kinds of image on a `width` × `height` canvas at `dpr`. Each measure reads one pixel back, which
 * waits for the drawing to be rasterised: the times include the renderer's work, not only the script's.
 */
export function benchmarkMap(flowCount = 5_000, width = 1200, height = 700, dpr = 2): MapBenchmark {
  const makeContext = (): CanvasRenderingContext2D => {
    const canvas = document.createElement('canvas');
    canvas.width = width * dpr;
    canvas.height = height * dpr;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('Canvas 2D indisponible.');
    return ctx;
  };
  const screen = makeContext();
  const cache = makeContext();
  const answer = syntheticAnswer(flowCount);
  const started = performance.now();
  const scene = buildScene(answer, { lines: 'arcs', circles: 'journeys' });
  const sceneMs = performance.now() - started;
  const frame = fitFrame(boundsOf(answer.places.flatMap((place) => (place.position ? [unitProject(place.position)] : []))) ?? [[0, 0], [1, 1]], width, height, 32);
  const state = (zoom: ViewTransform): DrawState => ({ width, height, dpr, transform: composeTransform(frame, zoom) });
  const zoomAt = (step: number): ViewTransform => ({ k: 1 + step / 20, x: -step * 8, y: -step * 5 });
  const measure = (runs: number, draw: (step: number) => void): Timing => {
    const times: number[] = [];
    for (let step = 0; step < runs; step += 1) {
      const t0 = performance.now();
      draw(step);
      screen.getImageData(0, 0, 1, 1);
      cache.getImageData(0, 0, 1, 1);
      times.push(performance.now() - t0);
    }
    return timing(times);
  };
  const full = measure(20, (step) => drawMap(cache, scene, EMPTY_BACKGROUND, state(zoomAt(step))));
  drawMap(cache, scene, EMPTY_BACKGROUND, state(IDENTITY));
  const gesture = measure(60, (step) => drawCachedFrame(screen, cache.canvas, relativeTransform(IDENTITY, zoomAt(step)), { width, height, dpr }));
  const hover = measure(60, (step) => {
    screen.setTransform(1, 0, 0, 1, 0, 0);
    screen.drawImage(cache.canvas, 0, 0);
    const target = scene.flows[(step * 83) % scene.flows.length];
    drawEmphases(screen, scene, [target ? { kind: 'flow', index: target.index } : null], state(IDENTITY));
  });
  return { flows: scene.flows.length, discs: scene.discs.length, sceneMs, full, gesture, hover };
}
