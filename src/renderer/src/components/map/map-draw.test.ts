import { describe, expect, it } from 'vitest';
import { fakeMapResult } from '@renderer/api/fake-map';
import { drawCachedFrame, drawEmphases, drawMap, EMPTY_BACKGROUND, MAP_COLOURS } from './map-draw';
import { fitFrame } from './map-geometry';
import { buildScene, fitBounds, type Scene } from './map-scene';

/** A 2D context that records the calls the drawing makes (happy-dom has no canvas). */
function recordingContext() {
  const calls: Array<{ name: string; strokeStyle?: unknown; fillStyle?: unknown; lineWidth?: unknown }> = [];
  const state: Record<string, unknown> = {};
  const context = new Proxy(state, {
    get(target, name: string) {
      if (name in target) return target[name];
      if (name === 'measureText') return (text: string) => ({ width: text.length * 7 });
      return (..._args: unknown[]) => {
        calls.push({ name, strokeStyle: target.strokeStyle, fillStyle: target.fillStyle, lineWidth: target.lineWidth });
      };
    },
    set(target, name: string, value: unknown) {
      target[name] = value;
      return true;
    },
  });
  return { ctx: context as unknown as CanvasRenderingContext2D, calls };
}

const result = fakeMapResult({ level: 'com', territory: { level: 'dep', code: '44' }, from: '2026-08-01', to: '2026-10-31', direction: 'both' }, 6);

const frame = fitFrame(fitBounds(result, null), 800, 560, 32);
const STATE = { width: 800, height: 560, dpr: 2, transform: { k: frame.scale, x: frame.tx, y: frame.ty } };

function draw(scene: Scene) {
  const { ctx, calls } = recordingContext();
  drawMap(ctx, scene, EMPTY_BACKGROUND, STATE);
  return calls;
}

/** Many flows between the same places: what a dense commune map looks like to the drawing code. */
function manyFlows(count: number): Scene {
  const scene = buildScene(result, { lines: 'arcs', circles: 'none' });
  const flows = Array.from({ length: count }, (_, i) => ({ ...(scene.flows[i % scene.flows.length] as Scene['flows'][number]), index: i }));
  return { ...scene, flows: flows.sort((a, b) => a.classIndex - b.classIndex) };
}

describe('drawMap', () => {
  it('strokes each flow class once and fills its arrow heads once, however many flows', () => {
    const few = draw(manyFlows(20)).filter((call) => call.name === 'stroke' || call.name === 'fill').length;
    const many = draw(manyFlows(5_000)).filter((call) => call.name === 'stroke' || call.name === 'fill').length;
    expect(many).toBe(few);
    expect(many).toBeLessThan(30);
  });

  it('draws thin light flows before thick dark ones, with the class widths in screen pixels', () => {
    const scene = buildScene(result, { lines: 'straight', circles: 'none' });
    const strokes = draw(scene).filter((call) => call.name === 'stroke' && typeof call.strokeStyle === 'string' && call.strokeStyle !== MAP_COLOURS.paper);
    const widths = strokes.map((call) => call.lineWidth as number);
    expect(widths).toEqual([...widths].sort((a, b) => a - b));
    expect(new Set(strokes.map((call) => call.strokeStyle)).size).toBe(strokes.length);
  });

  it('rings the selected flow and the place pointed at in yellow, over the drawing', () => {
    const scene = buildScene(result, { lines: 'arcs', circles: 'none' });
    const { ctx, calls } = recordingContext();
    drawEmphases(ctx, scene, [{ kind: 'flow', index: scene.flows.at(-1)?.index ?? -1 }, { kind: 'place', index: 0 }, null], STATE);
    const halos = calls.filter((call) => call.name === 'stroke' && call.strokeStyle === MAP_COLOURS.highlight);
    expect(halos).toHaveLength(3);
    expect(calls.some((call) => call.name === 'fillRect')).toBe(false);
  });

  it('moves the last drawing during a gesture with one image copy', () => {
    const { ctx, calls } = recordingContext();
    drawCachedFrame(ctx, {} as CanvasImageSource, { k: 2, x: -10, y: 5 }, STATE);
    expect(calls.map((call) => call.name)).toEqual(['setTransform', 'fillRect', 'setTransform', 'drawImage']);
  });
});
