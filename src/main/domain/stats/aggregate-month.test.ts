import { describe, expect, it } from 'vitest';
import { DistinctPeople, MonthAggregator, MonthPeople, type StagedJourney } from './aggregate-month';

/** Both ends' codes at every level (start and end of each level in turn). */
interface Ends {
  start_insee: string | null;
  end_insee: string | null;
  start_epci: string | null;
  end_epci: string | null;
  start_aom: string | null;
  end_aom: string | null;
  start_dep: string | null;
  end_dep: string | null;
  start_reg: string | null;
  end_reg: string | null;
  start_country: string | null;
  end_country: string | null;
}

type TestJourney = StagedJourney & Ends;

/** A journey in Nantes Métropole (EPCI = AOM 244400404), département 44, Pays de la Loire. */
function journey(overrides: Partial<TestJourney>): TestJourney {
  return {
    day: '2026-03-02', hour: 8, operator_id: 1, operator_class: 'C', trip_key: '1:t1', seats: 1, distance_m: 12_000, duration_s: 900,
    rpc_cents: 150, op_cents: 0, start_insee: '44109', end_insee: '44162', start_epci: '244400404', end_epci: '244400404',
    start_aom: '244400404', end_aom: '244400404', start_dep: '44', end_dep: '44', start_reg: '52', end_reg: '52',
    start_country: '99100', end_country: '99100', ...overrides,
  };
}

/** The ends' codes of a test journey, in the order routes take them. */
const endCodes = (j: Ends): Array<string | null> => [
  j.start_insee, j.end_insee, j.start_epci, j.end_epci, j.start_aom, j.end_aom, j.start_dep, j.end_dep, j.start_reg, j.end_reg, j.start_country, j.end_country,
];

/** Adds a test journey to a month on its route (keyed by its codes, as the refresh keys them by its row's tail). */
function addJourney(month: MonthAggregator, j: TestJourney): number {
  const ends = endCodes(j);
  const route = month.route(ends.join('|'), () => ends);
  month.add(j, route);
  return route;
}

const dayRow = (rows: Array<Array<string | number>>, level: string, code: string, direction: string) => rows.find((row) => row[0] === level && row[1] === code && row[2] === direction);

describe('MonthAggregator', () => {
  it('counts a car trip once per territory and day, whatever its number of passengers', () => {
    const month = new MonthAggregator('2026-03');
    // One car, two passengers: Nantes → Saint-Herblain and Nantes → Rezé (Rezé outside the pair above).
    addJourney(month, journey({ seats: 2 }));
    addJourney(month, journey({ end_insee: '44143', distance_m: 55_000, rpc_cents: 0 }));
    addJourney(month, journey({ trip_key: '1:t2', day: '2026-03-03', hour: 17, start_insee: '44162', end_insee: '44109' }));
    const rows = month.rows();

    // [level, code, direction, day, journeys, trips, seats, distance_m, seat_distance_m, duration_s, rpc, op, incented, d0…d50]
    expect(dayRow(rows.day, 'com', '44109', 'from')?.slice(4)).toEqual([2, 1, 3, 67_000, 79_000, 1_800, 150, 0, 1, 0, 1, 0, 0, 0, 1]);
    expect(dayRow(rows.day, 'epci', '244400404', 'intra')?.slice(3, 6)).toEqual(['2026-03-02', 2, 1]);
    expect(rows.day.filter((row) => row[0] === 'dep' && row[2] === 'intra').map((row) => row.slice(3, 6))).toEqual([
      ['2026-03-02', 2, 1],
      ['2026-03-03', 1, 1],
    ]);
    expect(rows.hour.filter((row) => row[0] === 'reg' && row[2] === 'from')).toEqual([
      ['reg', '52', 'from', '2026-03', 8, 2],
      ['reg', '52', 'from', '2026-03', 17, 1],
    ]);
    expect(rows.op.find((row) => row[0] === 'aom' && row[2] === 'to')).toEqual(['aom', '244400404', 'to', '2026-03', 1, 'C', 3, 300]);
  });

  it('counts a journey once per commune it touches in `both`, and each pair once per territory', () => {
    const month = new MonthAggregator('2026-03');
    addJourney(month, journey({}));
    addJourney(month, journey({ trip_key: '1:t2', end_insee: '44109' }));
    const rows = month.rows();
    const communes = rows.com.filter((row) => row[0] === 'aom' && row[2] === 'both').map((row) => [row[4], row[5]]);
    expect(communes.sort()).toEqual([['44109', 2], ['44162', 1]]);
    // Pairs of different communes only, under the AOM once although both ends are in it.
    expect(rows.flow.filter((row) => row[0] === 'aom')).toEqual([['aom', '244400404', '2026-03', '44109', '44162', 1, 1, 12_000]]);
    // At commune level the pair is listed under each of its two communes.
    expect(rows.flow.filter((row) => row[0] === 'com').map((row) => row[1]).sort()).toEqual(['44109', '44162']);
  });

  it('sums the journeys of one route into its flows and communes, in both orders of the pair', () => {
    const month = new MonthAggregator('2026-03');
    const first = addJourney(month, journey({ seats: 2, distance_m: 10_000 }));
    const again = addJourney(month, journey({ trip_key: '1:t2', seats: 3, distance_m: 14_000 }));
    addJourney(month, journey({ trip_key: '1:t3', start_insee: '44162', end_insee: '44109', distance_m: 9_000 }));
    expect(again).toBe(first);
    const rows = month.rows();
    // One pair whatever the direction: three journeys, six seats, 33 km.
    expect(rows.flow.filter((row) => row[0] === 'epci')).toEqual([['epci', '244400404', '2026-03', '44109', '44162', 3, 6, 33_000]]);
    expect(rows.com.filter((row) => row[0] === 'dep' && row[4] === '44109').map((row) => [row[2], row[5]]).sort()).toEqual([['both', 3], ['from', 2], ['intra', 2], ['to', 1]]);
    expect(() => month.rows()).toThrow();
  });

  it('counts car trips the same whatever the order of the journeys within each day, and refuses a day that comes back', () => {
    // Two cars in Nantes on 2 March, each with two passengers on two routes; one car on 3 March.
    const journeys = [
      journey({ trip_key: '1:a', seats: 2 }),
      journey({ trip_key: '1:b' }),
      journey({ trip_key: '1:a', end_insee: '44143' }),
      journey({ trip_key: '1:b', start_insee: '44162', end_insee: '44109' }),
      journey({ trip_key: '1:a', day: '2026-03-03' }),
    ];
    const orders = [
      [0, 1, 2, 3, 4],
      [3, 0, 2, 1, 4],
      [2, 3, 1, 0, 4],
    ];
    const tripsPerDay = orders.map((order) => {
      const month = new MonthAggregator('2026-03');
      for (const index of order) addJourney(month, journeys[index] as TestJourney);
      const rows = month.rows();
      return ['from', 'to', 'intra'].map((direction) => rows.day.filter((row) => row[0] === 'epci' && row[2] === direction).map((row) => [row[3], row[4], row[5]]));
    });
    // EPCI 244400404, each direction: four journeys in two cars on the 2nd, one journey in one car on the 3rd.
    const expected = [['2026-03-02', 4, 2], ['2026-03-03', 1, 1]];
    expect(tripsPerDay).toEqual(orders.map(() => [expected, expected, expected]));
    // Nantes (44109) as start: car a twice (two passengers), car b once.
    const month = new MonthAggregator('2026-03');
    for (const j of journeys.slice(0, 4)) addJourney(month, j);
    expect(dayRow(month.rows().day, 'com', '44109', 'from')?.slice(4, 6)).toEqual([3, 2]);

    const back = new MonthAggregator('2026-03');
    addJourney(back, journey({}));
    addJourney(back, journey({ day: '2026-03-03' }));
    expect(() => addJourney(back, journey({ trip_key: '1:t9' }))).toThrow(/2026-03-02 doivent se suivre/);
  });
});

describe('MonthPeople', () => {
  it('counts each person once per territory and direction, whatever the order of their journeys', () => {
    const month = new MonthAggregator('2026-03');
    const drivers = new MonthPeople('driver');
    const toWork = addJourney(month, journey({}));
    const home = addJourney(month, journey({ start_insee: '44162', end_insee: '44109' }));
    const rezé = addJourney(month, journey({ end_insee: '44143' }));
    // a: to work and home twice; b: Nantes → Rezé between them; no driver known once.
    const journeys = [['a', toWork], ['b', rezé], ['a', home], ['a', toWork], [null, rezé], ['a', home]] as const;
    journeys.forEach(([person, route], index) => drivers.add(person, route, `2026-03-0${index + 1}T07:00:00Z`, index + 1, `k${index + 1}`));
    const counts = drivers.entries(month.allRouteEnds());
    const com = counts.filter(([level]) => level === 'com').sort();
    expect(com).toEqual([
      ['com', '44109', 'from', 2],
      ['com', '44109', 'to', 1],
      ['com', '44143', 'to', 1],
      ['com', '44162', 'from', 1],
      ['com', '44162', 'to', 1],
    ]);
    expect(counts.find(([level, , direction]) => level === 'dep' && direction === 'intra')).toEqual(['dep', '44', 'intra', 2]);
  });

  it('keeps each person’s earliest journey of the month, the smallest id among equal starts, whatever the reading order', () => {
    const month = new MonthAggregator('2026-03');
    const route = addJourney(month, journey({}));
    const passengers = new MonthPeople('passenger');
    passengers.add('a', route, '2026-03-09T07:00:00Z', 30, 'late');
    passengers.add('b', route, '2026-03-02T07:00:00Z', 12, 'b-second');
    passengers.add('a', route, '2026-03-02T07:00:00Z', 20, 'a-equal-start-higher-id');
    passengers.add('b', route, '2026-03-02T07:00:00Z', 11, 'b-first');
    passengers.add('a', route, '2026-03-02T07:00:00Z', 7, 'a-first');
    passengers.add('a', route, '2026-03-05T07:00:00Z', 1, 'later-with-small-id');
    passengers.add(null, route, '2026-03-01T07:00:00Z', 2, 'nobody');
    expect(passengers.firstJourneys()).toEqual([
      ['passenger', 'a', '2026-03-02T07:00:00Z', 'a-first'],
      ['passenger', 'b', '2026-03-02T07:00:00Z', 'b-first'],
    ]);
  });
});

describe('DistinctPeople', () => {
  it('counts each person once per territory and direction', () => {
    const people = new DistinctPeople();
    people.add('a', endCodes(journey({})));
    people.add('a', endCodes(journey({ day: '2026-03-09' })));
    people.add('b', endCodes(journey({ start_insee: '44162', end_insee: '44109' })));
    const com = people.entries().filter(([level]) => level === 'com').sort();
    expect(com).toEqual([
      ['com', '44109', 'from', 1],
      ['com', '44109', 'to', 1],
      ['com', '44162', 'from', 1],
      ['com', '44162', 'to', 1],
    ]);
    expect(people.entries().find(([level, , direction]) => level === 'dep' && direction === 'intra')).toEqual(['dep', '44', 'intra', 2]);
  });
});
