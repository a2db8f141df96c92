import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewJourney } from '@shared/types/reviews';
import { createFakeApi } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import CoordinatePlot from './CoordinatePlot.vue';

enableAutoUnmount(afterEach);

function journey(naturalKey: string, start: [number, number] | null, end: [number, number] | null): ReviewJourney {
  return {
    naturalKey, journeyId: naturalKey.slice(2), operatorName: null, operatorTripId: null, startLocal: '2026-10-03 07:40:00', endLocal: null,
    durationS: null, distanceM: null, seats: null, status: 'ok', startInsee: null, endInsee: null, startCommune: null, endCommune: null,
    startLat: start?.[0] ?? null, startLon: start?.[1] ?? null, endLat: end?.[0] ?? null, endLon: end?.[1] ?? null,
    driver: null, passenger: null, rpcIncentiveCents: 0, operatorIncentiveCents: 0, excluded: false,
  };
}

function mountPlot(journeys: ReviewJourney[], highlight?: string) {
  return mountWithApp(CoordinatePlot, createFakeApi(), { journeys, highlight, testId: 'plot' }).wrapper;
}

/** Length in pixels of each drawn journey, in drawing order. */
function lengths(wrapper: ReturnType<typeof mountPlot>): number[] {
  return wrapper.findAll('[data-testid="plot-segment"] line').map((line) => {
    const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((name) => Number(line.attributes(name)));
    return Math.hypot((x2 ?? 0) - (x1 ?? 0), (y2 ?? 0) - (y1 ?? 0));
  });
}

describe('CoordinatePlot', () => {
  it('draws a degree of longitude cos(latitude) as long as a degree of latitude', () => {
    // Centred on 60° N, where cos = 0.5: 0.2° east is as long on the ground as 0.1° north.
    const wrapper = mountPlot([journey('j:1', [60, 5], [60, 5.2]), journey('j:2', [59.95, 5.1], [60.05, 5.1])]);
    const [east, north] = lengths(wrapper);
    expect(east).toBeGreaterThan(100);
    expect(east).toBeCloseTo(north ?? 0, 6);
  });

  it('draws the highlighted journey last, labels the axes in degrees, and leaves out journeys without coordinates', () => {
    const wrapper = mountPlot(
      [journey('j:1', [47.22, -1.55], [47.37, -1.18]), journey('j:2', [47.19, -1.55], [47.17, -1.47]), journey('j:3', null, [47.2, -1.5])],
      'j:1',
    );
    const svg = wrapper.get('[data-testid="plot-svg"]');
    expect(svg.attributes('role')).toBe('img');
    expect(svg.attributes('aria-label')).toContain('Tracé de 2 trajets');
    expect(wrapper.findAll('[data-testid="plot-segment"]').map((segment) => segment.attributes('data-highlighted'))).toEqual(['false', 'true']);
    const labels = svg.findAll('text').map((text) => text.text());
    expect(labels).toContain('Longitude (°)');
    expect(labels).toContain('Latitude (°)');
    expect(labels).toContain('-1,4°');
    expect(labels).toContain('47,3°');
    expect(wrapper.findAll('[data-testid="plot-table"] tbody tr').map((row) => row.findAll('th, td').map((cell) => cell.text()))).toEqual([
      ['1', '47,22°', '-1,55°', '47,37°', '-1,18°', 'oui'],
      ['2', '47,19°', '-1,55°', '47,17°', '-1,47°', 'non'],
    ]);
  });

  it('says in words the ground the journeys cover and how far the open one goes, as the drawing’s description', () => {
    const journeys = [journey('j:1', [47.22, -1.55], [47.37, -1.18]), journey('j:2', [47.19, -1.55], [47.17, -1.47])];
    // 0.37° of longitude at 47.27° N and 0.2° of latitude; the open journey 0.15° north and 0.37° east.
    const extent = 'Les trajets tracés couvrent 27,9 km d’ouest en est et 22,2 km du sud au nord.';
    const wrapper = mountPlot(journeys, 'j:1');
    const summary = wrapper.get('[data-testid="plot-summary"]');
    expect(summary.text()).toBe(`${extent} Trajet ouvert : 32,5 km à vol d’oiseau du départ à l’arrivée.`);
    expect(wrapper.get('[data-testid="plot-svg"]').attributes('aria-describedby')).toBe(summary.attributes('id'));
    expect(mountPlot(journeys).get('[data-testid="plot-summary"]').text()).toBe(extent);
  });

  it('says so when no journey has coordinates', () => {
    const wrapper = mountPlot([journey('j:1', null, null)]);
    expect(wrapper.find('[data-testid="plot-svg"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="plot-none"]').text()).toBe('Aucune coordonnée connue pour ces trajets.');
  });
});
