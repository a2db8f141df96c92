import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { PersonDetail } from '@shared/types/reviews';
import { createFakeApi } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import PersonGraph from './PersonGraph.vue';

enableAutoUnmount(afterEach);

const P = 'p'.repeat(64);
const Q = 'q'.repeat(64);
const R = 'r'.repeat(64);

const graph: PersonDetail['graph'] = {
  nodes: [
    { person: P, journeys: 9, flagged: true },
    { person: Q, journeys: 5, flagged: true },
    { person: R, journeys: 4, flagged: false },
  ],
  edges: [
    { from: P, to: Q, fromDrove: 1, toDrove: 4 },
    { from: P, to: R, fromDrove: 4, toDrove: 0 },
  ],
};

describe('PersonGraph', () => {
  it('draws one arrow per direction with journeys, thicker with more journeys, flagged persons marked', () => {
    const { wrapper } = mountWithApp(PersonGraph, createFakeApi(), { graph, person: P });
    const arrows = wrapper.findAll('[data-testid="graph-arrow"]');
    expect(arrows.map((arrow) => arrow.get('title').text())).toEqual([
      'pppppppppp… a conduit qqqqqqqqqq… 1 fois',
      'qqqqqqqqqq… a conduit pppppppppp… 4 fois',
      'pppppppppp… a conduit rrrrrrrrrr… 4 fois',
    ]);
    const widths = arrows.map((arrow) => Number(arrow.get('path').attributes('stroke-width')));
    expect(widths[0]).toBeLessThan(widths[1] ?? 0);
    expect(widths[1]).toBe(widths[2]);
    // The two directions between P and Q bend to opposite sides, so both stay visible.
    expect(arrows[0]?.get('path').attributes('d')).not.toBe(arrows[1]?.get('path').attributes('d'));
    expect(wrapper.findAll('[data-testid="graph-node"]').map((node) => node.attributes('data-flagged'))).toEqual(['true', 'true', 'false']);
    expect(wrapper.get('[data-testid="person-graph-svg"]').attributes('aria-label')).toContain('Graphe de 3 personnes partageant des trajets avec pppppppppp…');
  });

  it('lists every link in a table whose persons open their detail', async () => {
    const { wrapper } = mountWithApp(PersonGraph, createFakeApi(), { graph, person: P });
    const rows = wrapper.findAll('[data-testid="person-graph-table"] tbody tr');
    expect(rows.map((row) => row.findAll('td').slice(2).map((cell) => cell.text()))).toEqual([['1', '4'], ['4', '0']]);
    // The centre person is not a link: it is already open.
    expect(rows[0]?.findAll('button')).toHaveLength(1);
    await rows[1]?.get('button').trigger('click');
    expect(wrapper.emitted('open')).toEqual([[R]]);
  });

  it('says in words its most frequent link and how many persons are flagged, as the drawing’s description', () => {
    const { wrapper } = mountWithApp(PersonGraph, createFakeApi(), { graph, person: P });
    const summary = wrapper.get('[data-testid="person-graph-summary"]');
    // Two links of 4 journeys: the first drawn is named.
    expect(summary.text()).toBe('Lien le plus fréquent : qqqqqqqqqq… a conduit pppppppppp… 4 fois. 2 personnes signalées.');
    expect(wrapper.get('[data-testid="person-graph-svg"]').attributes('aria-describedby')).toBe(summary.attributes('id'));
    const calm = { ...graph, nodes: graph.nodes.map((node) => ({ ...node, flagged: false })) };
    expect(mountWithApp(PersonGraph, createFakeApi(), { graph: calm, person: P }).wrapper.get('[data-testid="person-graph-summary"]').text()).toMatch(/ Aucune personne signalée\.$/);
  });

  it('says so when nobody shares a journey with the person', () => {
    const { wrapper } = mountWithApp(PersonGraph, createFakeApi(), { graph: { nodes: [{ person: P, journeys: 3, flagged: false }], edges: [] }, person: P });
    expect(wrapper.get('[data-testid="person-graph-none"]').text()).toBe('Aucune autre personne ne partage de trajet avec celle-ci.');
  });
});
