import type { ParsedReq, Res } from '@shared/ipc/contract';
import { ApiError } from '@shared/ipc/result';
import type {
  CheckParametersView, DecisionRecord, ExclusionSummary, JourneyDetail, PersonDetail, QueueJourney, QueuePerson, ReviewFlag, ReviewJourney,
  ReviewSubject, Severity, StandingDecision,
} from '@shared/types/reviews';

/**
 * The review side of the fake `Api` (Contrôles page tests): a handful of flagged journeys around Nantes, their
 * persons (64-character identity keys, as in the extracts), flags with evidence, and decisions kept in memory so
 * that deciding changes what the queue, the details and the exclusions answer — as the main side's would.
 */

/**
 * Identity keys of the fake persons: A and B swap roles, A drives two cars at once, D drives E at night, G drives H
 * on a journey the registry rejected (flags that only restate its status).
 */
export const FAKE_PERSONS = {
  A: '441dce7da90bb645ae41fa78ff22c5918b374c9641604c5aea4739bf133513ad',
  B: '7d96110b8e77efb528a6ee150c648ab260049c25bd0dbfdaa2830ada1707978c',
  C: '3ce5d8aaead63f32f333a2a4d32cc486014f0073ea669dcf447c472236214fe4',
  D: '597280d602adef8856d780c83dd57e9aa4ff1fe2d8f526693fd5d810667bfb82',
  E: '5cec78f0477861eb052168f5435a17402fbbb8081d64ae0032560a7b448d51c7',
  F: '1b7d0f659efe00b0b8fa4cd19526757ae10ab3ecb229e541ff83b8cb26dc035b',
  G: '9e0c2b51d7a34f86b0e1c7d95a3f28e64b1d0c7a92e5f3186d4b0a7c2e9f51d3',
  H: 'c4a81f3e6b2d9507e1f4a8c3b6d2e9f0751a4c8e3b6d9f2a0e5c7b1d4f8a3e6c',
} as const;
const { A, B, C, D, E, F, G, H } = FAKE_PERSONS;

/** Operators of the fake store (`extracts:operators`; ids are the store's). */
export const FAKE_OPERATORS = [
  { id: 1, name: 'BlaBlaCar Daily' },
  { id: 2, name: 'Karos' },
] as const;

const COMMUNES: Record<string, { name: string; lat: number; lon: number }> = {
  '44109': { name: 'Nantes', lat: 47.22, lon: -1.55 },
  '44003': { name: 'Ancenis-Saint-Géréon', lat: 47.37, lon: -1.18 },
  '44143': { name: 'Rezé', lat: 47.19, lon: -1.55 },
  '44215': { name: 'Vertou', lat: 47.17, lon: -1.47 },
  '44162': { name: 'Saint-Herblain', lat: 47.21, lon: -1.65 },
  '49007': { name: 'Angers', lat: 47.47, lon: -0.55 },
  '44184': { name: 'Saint-Nazaire', lat: 47.27, lon: -2.21 },
  '44026': { name: 'Carquefou', lat: 47.3, lon: -1.49 },
};

type Facts = Omit<ReviewJourney, 'startCommune' | 'endCommune' | 'startLat' | 'startLon' | 'endLat' | 'endLon' | 'excluded' | 'naturalKey' | 'journeyId'>;

function journey(id: number, facts: Facts): ReviewJourney {
  const start = COMMUNES[facts.startInsee ?? ''];
  const end = COMMUNES[facts.endInsee ?? ''];
  return {
    naturalKey: `j:${id}`,
    journeyId: String(id),
    ...facts,
    startCommune: start?.name ?? null,
    endCommune: end?.name ?? null,
    startLat: start?.lat ?? null,
    startLon: start?.lon ?? null,
    endLat: end?.lat ?? null,
    endLon: end?.lon ?? null,
    excluded: false,
  };
}

const common = { seats: 1, operatorIncentiveCents: 0 };
const JOURNEYS: ReviewJourney[] = [
  journey(48000001, { ...common, operatorName: 'BlaBlaCar Daily', operatorTripId: 'bbc-77120', startLocal: '2026-10-03 07:40:00', endLocal: '2026-10-03 07:50:00', durationS: 600, distanceM: 35_400, status: 'ok', startInsee: '44109', endInsee: '44003', driver: A, passenger: B, rpcIncentiveCents: 150, operatorIncentiveCents: 100 }),
  journey(48000002, { ...common, operatorName: 'Karos', operatorTripId: 'kar-5531', startLocal: '2026-10-03 07:40:00', endLocal: '2026-10-03 07:55:00', durationS: 900, distanceM: 9_800, status: 'ok', startInsee: '44143', endInsee: '44215', driver: A, passenger: C, rpcIncentiveCents: 200 }),
  journey(48000003, { ...common, operatorName: 'BlaBlaCar Daily', operatorTripId: 'bbc-77311', startLocal: '2026-10-04 18:10:00', endLocal: '2026-10-04 18:20:00', durationS: 300, distanceM: 1_200, status: 'ok', startInsee: '44162', endInsee: '44109', driver: B, passenger: A, rpcIncentiveCents: 50 }),
  journey(48000004, { ...common, operatorName: 'Karos', operatorTripId: 'kar-5102', startLocal: '2026-09-12 08:00:00', endLocal: '2026-09-12 08:40:00', durationS: 2_400, distanceM: 88_000, status: 'anomaly_error', startInsee: '49007', endInsee: '44109', driver: B, passenger: A, rpcIncentiveCents: 300, operatorIncentiveCents: 150 }),
  journey(48000005, { ...common, operatorName: 'BlaBlaCar Daily', operatorTripId: 'bbc-76002', startLocal: '2026-09-20 23:10:00', endLocal: '2026-09-20 23:40:00', durationS: 1_800, distanceM: 62_000, status: 'pending', startInsee: '44109', endInsee: '44184', driver: D, passenger: E, rpcIncentiveCents: 0, operatorIncentiveCents: 80 }),
  journey(48000006, { ...common, operatorName: 'BlaBlaCar Daily', operatorTripId: 'bbc-77402', startLocal: '2026-10-05 07:45:00', endLocal: '2026-10-05 08:05:00', durationS: 1_200, distanceM: 12_000, status: 'ok', startInsee: '44109', endInsee: '44026', driver: A, passenger: F, rpcIncentiveCents: 150 }),
  journey(48000007, { ...common, operatorName: 'Karos', operatorTripId: 'kar-5620', startLocal: '2026-10-06 08:10:00', endLocal: '2026-10-06 08:40:00', durationS: 1_800, distanceM: 24_000, status: 'fraud_error', startInsee: '44184', endInsee: '44109', driver: G, passenger: H, rpcIncentiveCents: 240, operatorIncentiveCents: 60 }),
];

/** Versioned id → French label, as the catalogue of the main side. */
export const FAKE_CHECK_LABELS: Record<string, string> = {
  'T01@1': 'Autopartage',
  'T02@1': 'Trajet trop court',
  'T04@1': 'Vitesse moyenne invraisemblable',
  'T07@1': 'Itinéraire routé (OSRM)',
  'T09@1': 'Montants anormaux',
  'T10@1': 'Trajet de nuit',
  'T11@1': 'Statut du registre',
  'H02@1': 'Trajets simultanés d’une même personne',
  'G02@1': 'Échange de rôles dans un couple',
};

function flag(id: number, checkId: string, severity: Severity, journeyKeys: string[], persons: string[], evidence: Record<string, unknown>): ReviewFlag {
  return { id, checkId, label: FAKE_CHECK_LABELS[checkId] ?? checkId, severity, journeyKeys, persons, evidence };
}

const FLAGS: ReviewFlag[] = [
  flag(1, 'T04@1', 'high', ['j:48000001'], [A, B], { speedKmh: 212.4, thresholdKmh: 130 }),
  flag(2, 'H02@1', 'high', ['j:48000001', 'j:48000002'], [A], { overlap: 'certain', overlapS: 600, overlapRatio: 1, roles: ['driver', 'driver'] }),
  flag(3, 'T02@1', 'warning', ['j:48000003'], [B, A], { distanceM: 1_200, campaignMinDistanceM: 2_000, termsMinDistanceM: 1_000, belowTermsMinimum: false }),
  flag(4, 'G02@1', 'warning', ['j:48000001', 'j:48000003', 'j:48000004'], [A, B], { firstDroveSecond: 1, secondDroveFirst: 2, closestOppositeS: 124_200 }),
  flag(5, 'T10@1', 'info', ['j:48000005'], [D, E], { localHour: 23 }),
  flag(6, 'T11@1', 'high', ['j:48000007'], [G, H], { status: 'fraud_error' }),
  flag(7, 'T09@1', 'warning', ['j:48000007'], [G, H], { reasons: ['incentive_on_rejected_status'], contributionCentsPerKm: 8, rpcIncentiveCents: 240, maxContributionCentsPerKm: 60, maxIncentiveCentsPerTrip: 600 }),
];

/** Whether a flag only restates the registry's status (main side: `RESTATES_REGISTRY_SQL`). */
const restatesRegistry = (item: ReviewFlag): boolean =>
  item.checkId.startsWith('T11@') || (item.checkId.startsWith('T09@') && JSON.stringify(item.evidence.reasons) === '["incentive_on_rejected_status"]');

const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, high: 3 };

/** The highest severity among flags. */
function highest(flags: readonly ReviewFlag[]): Severity {
  return flags.reduce<Severity>((top, item) => (SEVERITY_RANK[item.severity] > SEVERITY_RANK[top] ? item.severity : top), 'info');
}

const atRisk = (row: ReviewJourney): number => row.rpcIncentiveCents + row.operatorIncentiveCents;
const sameSubject = (a: ReviewSubject, b: ReviewSubject): boolean => a.kind === b.kind && a.key === b.key;

/** Parameters of a few checks (main side: `DEFAULT_CHECK_PARAMETERS` with French labels and units). */
const PARAMETER_CHECKS: CheckParametersView['checks'] = [
  { id: 'T01@1', code: 'T01', label: 'Autopartage', family: 'trip', severity: 'high', enabled: true, disabledReason: null, parameters: [] },
  {
    id: 'T04@1', code: 'T04', label: 'Vitesse moyenne invraisemblable', family: 'trip', severity: 'high', enabled: true, disabledReason: null,
    parameters: [
      { name: 'highSpeedKmh', label: 'Vitesse impossible au-delà de', unit: 'km/h', value: 130, default: 130 },
      { name: 'warnSpeedKmh', label: 'Vitesse à vérifier au-delà de', unit: 'km/h', value: 110, default: 110 },
      { name: 'slowSpeedKmh', label: 'Vitesse trop lente en deçà de', unit: 'km/h', value: 8, default: 8 },
      { name: 'slowMinDistanceM', label: 'Distance minimale pour une vitesse lente', unit: 'm', value: 3_000, default: 3_000 },
    ],
  },
  {
    id: 'T07@1', code: 'T07', label: 'Itinéraire routé (OSRM)', family: 'trip', severity: 'warning', enabled: false,
    disabledReason: 'désactivé : nécessite un calculateur d’itinéraire hors ligne (OSRM), absent de ce poste', parameters: [],
  },
  {
    id: 'T11@1', code: 'T11', label: 'Statut du registre', family: 'trip', severity: 'high', enabled: true, disabledReason: null,
    parameters: [
      { name: 'pendingAfterS', label: 'Attente anormale au-delà de', unit: 's', value: 172_800, default: 172_800 },
      { name: 'asOf', label: 'Date de l’extrait', unit: 'instant UTC', value: null, default: null },
    ],
  },
  {
    id: 'H02@1', code: 'H02', label: 'Trajets simultanés d’une même personne', family: 'person', severity: 'high', enabled: true, disabledReason: null,
    parameters: [
      { name: 'possibleOverlapRatio', label: 'Part chevauchée d’un chevauchement possible', unit: 'proportion (0 à 1)', value: 0.7, default: 0.7 },
      { name: 'carCellTolerance', label: 'Tolérance de maille d’une même voiture', unit: 'mailles', value: 1, default: 1 },
    ],
  },
  {
    id: 'G02@1', code: 'G02', label: 'Échange de rôles dans un couple', family: 'graph', severity: 'high', enabled: true, disabledReason: null,
    parameters: [
      { name: 'windowDays', label: 'Écart maximal entre les deux sens', unit: 'jours', value: 30, default: 30 },
      { name: 'highEachWay', label: 'Voyages dans chaque sens pour une gravité élevée', unit: 'voyages', value: 3, default: 3 },
    ],
  },
];

/** Why a value does not fit a parameter whose default is `fallback` (main side: `check-parameter-settings.ts`). */
function parameterProblem(name: string, value: unknown, fallback: unknown): string | null {
  if (typeof fallback === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'nombre attendu';
    if (value < 0) return 'valeur positive attendue';
    if (name.endsWith('Ratio') && value > 1) return 'proportion entre 0 et 1 attendue';
    return null;
  }
  if (value === null) return null;
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : 'date et heure ISO attendues (ou vide)';
}

/** The stateful review handlers of the fake. */
export function createFakeReviews(now: () => Date = () => new Date('2026-11-28T17:00:00.000Z')) {
  const decisions: DecisionRecord[] = [
    { id: 1, subject: { kind: 'journey', key: 'j:48000005' }, decision: 'info_requested', comment: 'Historique de connexion demandé à BlaBlaCar Daily.', actor: 'instructeur', decidedAt: '2026-11-21T09:00:00.000Z', previousId: null, auditId: 101 },
    { id: 2, subject: { kind: 'journey', key: 'j:48000004' }, decision: 'confirmed', comment: 'Échange de rôles confirmé par l’opérateur (courriel du 20/11).', actor: 'instructeur', decidedAt: '2026-11-22T10:00:00.000Z', previousId: null, auditId: 102 },
  ];
  let overrides: Record<string, Record<string, number | string | null>> = {};

  /** Decisions on the subjects, newest first. */
  const historyOf = (subjects: ReviewSubject[]): DecisionRecord[] =>
    decisions.filter((record) => subjects.some((subject) => sameSubject(subject, record.subject))).sort((a, b) => b.id - a.id);

  const standing = (record: DecisionRecord | undefined): StandingDecision | null =>
    record ? { id: record.id, decision: record.decision, comment: record.comment, actor: record.actor, decidedAt: record.decidedAt, via: record.subject.kind } : null;

  const personsOf = (row: ReviewJourney): string[] => [row.driver, row.passenger].filter((person): person is string => person !== null);

  /** A journey's decision: its own, else a confirmed person's, else its persons' latest (main side's rule). */
  function journeyStanding(row: ReviewJourney): StandingDecision | null {
    const own = historyOf([{ kind: 'journey', key: row.naturalKey }])[0];
    if (own) return standing(own);
    const latest = personsOf(row).flatMap((person) => historyOf([{ kind: 'person', key: person }]).slice(0, 1));
    return standing(latest.find((record) => record.decision === 'confirmed') ?? latest.sort((a, b) => b.id - a.id)[0]);
  }

  const isExcluded = (row: ReviewJourney): boolean => journeyStanding(row)?.decision === 'confirmed';
  const withExclusion = (row: ReviewJourney): ReviewJourney => ({ ...row, excluded: isExcluded(row) });
  const flagsOf = (key: string): ReviewFlag[] => FLAGS.filter((item) => item.journeyKeys.includes(key));

  /** Journeys passing the journey filters of the queue (operator, local period, territory, registry status). */
  function journeysMatching(request: ParsedReq<'checks:queue'>): ReviewJourney[] {
    const operator = FAKE_OPERATORS.find((candidate) => candidate.id === request.operatorId)?.name;
    return JOURNEYS.filter((row) => {
      const day = row.startLocal.slice(0, 10);
      const territory = request.territory;
      const inTerritory = (insee: string | null): boolean =>
        territory === undefined || (insee !== null && (territory.level === 'dep' ? insee.startsWith(territory.code) : insee === territory.code));
      return (
        (operator === undefined || row.operatorName === operator) &&
        (request.from === undefined || day >= request.from) &&
        (request.to === undefined || day <= request.to) &&
        (inTerritory(row.startInsee) || inTerritory(row.endInsee)) &&
        (request.status === undefined || row.status === request.status)
      );
    });
  }

  /** Flags passing the check and severity filters. */
  function flagsMatching(request: ParsedReq<'checks:queue'>): ReviewFlag[] {
    return FLAGS.filter(
      (item) =>
        (request.check === undefined || item.checkId === request.check || item.checkId.startsWith(`${request.check}@`)) &&
        (request.severity === undefined || SEVERITY_RANK[item.severity] >= SEVERITY_RANK[request.severity]),
    );
  }

  const decisionMatches = (wanted: ParsedReq<'checks:queue'>['decision'], current: StandingDecision | null): boolean =>
    wanted === undefined || (wanted === 'none' ? current === null : current?.decision === wanted);

  /** A queue row's group, severity and checks from its flags passing the filters (main side: `viewSql`). */
  function ranked(request: ParsedReq<'checks:queue'>, flags: readonly ReviewFlag[]) {
    const visible = flags.filter((item) => request.check !== undefined || !request.hidden.includes(item.checkId.slice(0, 3)));
    const own = visible.filter((item) => !restatesRegistry(item));
    const group = own.length > 0 ? 'own' : visible.length > 0 ? 'registry' : 'hidden';
    const shown = group === 'own' ? own : visible;
    return { group, visible, severity: highest(shown), checkCount: new Set(shown.map((item) => item.checkId.slice(0, 3))).size, checks: [...new Set(shown.map((item) => item.checkId))].sort() };
  }

  function queue(request: ParsedReq<'checks:queue'>): Res<'checks:queue'> {
    const flags = flagsMatching(request);
    const journeys = journeysMatching(request);
    const journeyFilters = [request.operatorId, request.from, request.to, request.territory, request.status].some((value) => value !== undefined);
    type Row = (QueueJourney | QueuePerson) & { group: string; checkCount: number; tie: string | number; key: string };
    let rows: Row[];
    if (request.kind === 'journeys') {
      rows = journeys.flatMap((row): Row[] => {
        const own = flags.filter((item) => item.journeyKeys.includes(row.naturalKey));
        const decision = journeyStanding(row);
        if (own.length === 0 || !decisionMatches(request.decision, decision)) return [];
        const { group, severity, checkCount, checks } = ranked(request, own);
        const { naturalKey, journeyId, operatorName, startLocal, startCommune, endCommune, distanceM, status } = row;
        return [{ naturalKey, journeyId, operatorName, startLocal, startCommune, endCommune, distanceM, status, atRiskCents: atRisk(row), checks, severity, decision, group, checkCount, tie: startLocal, key: naturalKey }];
      });
    } else {
      const persons = [...new Set(flags.flatMap((item) => item.persons))];
      rows = persons.flatMap((person): Row[] => {
        const own = flags.filter((item) => item.persons.includes(person));
        const { group, visible, severity, checkCount, checks } = ranked(request, own);
        const flaggedKeys = new Set(visible.flatMap((item) => item.journeyKeys));
        const theirs = journeys.filter((row) => flaggedKeys.has(row.naturalKey) && personsOf(row).includes(person));
        const decision = standing(historyOf([{ kind: 'person', key: person }])[0]);
        if ((journeyFilters && theirs.length === 0) || !decisionMatches(request.decision, decision)) return [];
        return [{
          person,
          operators: [...new Set(theirs.flatMap((row) => (row.operatorName ? [row.operatorName] : [])))].sort(),
          journeys: theirs.length,
          atRiskCents: theirs.reduce((sum, row) => sum + atRisk(row), 0),
          checks, severity, decision, group, checkCount, tie: theirs.length, key: person,
        }];
      });
    }
    // Most serious first: severity, distinct checks, incentives at risk, then newest journey or most journeys.
    rows.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.checkCount - a.checkCount || b.atRiskCents - a.atRiskCents
      || (typeof a.tie === 'string' ? String(b.tie).localeCompare(a.tie) : Number(b.tie) - a.tie) || a.key.localeCompare(b.key));
    const totals = (group: string) => {
      const of = rows.filter((row) => row.group === group);
      return { total: of.length, atRiskCents: of.reduce((sum, row) => sum + row.atRiskCents, 0) };
    };
    const page = rows.filter((row) => row.group === request.group).slice(request.offset, request.offset + request.limit)
      .map(({ group: _group, checkCount: _count, tie: _tie, key: _key, ...row }) => row);
    return {
      ...totals(request.group),
      groups: { own: totals('own'), registry: totals('registry') },
      hiddenRows: totals('hidden').total,
      journeys: request.kind === 'journeys' ? (page as QueueJourney[]) : [],
      persons: request.kind === 'persons' ? (page as QueuePerson[]) : [],
    };
  }

  function journeyDetail(naturalKey: string): JourneyDetail {
    const row = JOURNEYS.find((candidate) => candidate.naturalKey === naturalKey);
    if (!row) throw new ApiError('not_found', `Trajet introuvable dans la base : ${naturalKey}`);
    const flags = flagsOf(naturalKey);
    const linkedKeys = [naturalKey, ...new Set(flags.flatMap((item) => item.journeyKeys).filter((key) => key !== naturalKey))];
    const linked = linkedKeys.flatMap((key) => JOURNEYS.filter((candidate) => candidate.naturalKey === key)).map(withExclusion);
    const subjects: ReviewSubject[] = [{ kind: 'journey', key: naturalKey }, ...personsOf(row).map((key) => ({ kind: 'person' as const, key }))];
    return { journey: withExclusion(row), flags, linked, decision: journeyStanding(row), history: historyOf(subjects) };
  }

  function personDetail(person: string): PersonDetail {
    const theirs = JOURNEYS.filter((row) => personsOf(row).includes(person)).sort((a, b) => b.startLocal.localeCompare(a.startLocal));
    const flags = FLAGS.filter((item) => item.persons.includes(person));
    if (theirs.length === 0 && flags.length === 0) throw new ApiError('not_found', `Personne introuvable dans la base : ${person}`);
    const days = new Map<string, { day: string; driver: number; passenger: number }>();
    const partners = new Map<string, { fromDrove: number; toDrove: number }>();
    for (const row of theirs) {
      const day = row.startLocal.slice(0, 10);
      const entry = days.get(day) ?? { day, driver: 0, passenger: 0 };
      const drove = row.driver === person;
      entry[drove ? 'driver' : 'passenger'] += 1;
      days.set(day, entry);
      const partner = drove ? row.passenger : row.driver;
      if (partner === null) continue;
      const edge = partners.get(partner) ?? { fromDrove: 0, toDrove: 0 };
      edge[drove ? 'fromDrove' : 'toDrove'] += 1;
      partners.set(partner, edge);
    }
    const flagged = (key: string): boolean => FLAGS.some((item) => item.persons.includes(key));
    const history = historyOf([{ kind: 'person', key: person }]);
    return {
      person,
      aliases: person === A ? [{ alias: `key:${A}`, sides: 5 }, { alias: 'user:1:bbc-user-3321', sides: 2 }] : [],
      timeline: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
      flags,
      graph: {
        nodes: [
          { person, journeys: theirs.length, flagged: flagged(person) },
          ...[...partners].map(([key, edge]) => ({ person: key, journeys: edge.fromDrove + edge.toDrove, flagged: flagged(key) })),
        ],
        edges: [...partners].map(([key, edge]) => ({ from: person, to: key, ...edge })),
      },
      journeys: theirs.map(withExclusion),
      total: theirs.length,
      decision: standing(history[0]),
      history,
    };
  }

  function decide(request: ParsedReq<'checks:decide'>): Res<'checks:decide'> {
    for (const subject of request.subjects) {
      const previous = historyOf([subject])[0];
      const id = decisions.length + 1;
      decisions.push({ id, subject: { kind: subject.kind, key: subject.key }, decision: request.decision, comment: request.comment, actor: 'instructeur', decidedAt: now().toISOString(), previousId: previous?.id ?? null, auditId: 100 + id });
    }
    return { decided: request.subjects.length };
  }

  function exclusions(): ExclusionSummary {
    const latest = (subject: ReviewSubject) => historyOf([subject])[0]?.decision;
    const excluded = JOURNEYS.filter(isExcluded);
    return {
      journeysConfirmed: JOURNEYS.filter((row) => latest({ kind: 'journey', key: row.naturalKey }) === 'confirmed').length,
      personsConfirmed: Object.values(FAKE_PERSONS).filter((person) => latest({ kind: 'person', key: person }) === 'confirmed').length,
      excludedTrips: excluded.length,
      excludedAtRiskCents: excluded.reduce((sum, row) => sum + atRisk(row), 0),
    };
  }

  function parameters(): CheckParametersView {
    return {
      checks: PARAMETER_CHECKS.map((check) => ({
        ...check,
        parameters: check.parameters.map((parameter) => ({ ...parameter, value: overrides[check.code]?.[parameter.name] ?? parameter.default })),
      })),
    };
  }

  /** Replaces the saved overrides, keeping only values that differ from the defaults; refuses wrong ones. */
  function saveParameters(input: ParsedReq<'checks:save-parameters'>['overrides']): CheckParametersView {
    const errors: string[] = [];
    const kept: typeof overrides = {};
    for (const [code, values] of Object.entries(input)) {
      const check = PARAMETER_CHECKS.find((candidate) => candidate.code === code);
      if (!check) {
        errors.push(`${code} : contrôle inconnu`);
        continue;
      }
      for (const [name, value] of Object.entries(values)) {
        const parameter = check.parameters.find((candidate) => candidate.name === name);
        const problem = parameter ? parameterProblem(name, value, parameter.default) : 'paramètre inconnu';
        if (problem) errors.push(`${code}.${name} : ${problem}`);
        else if (value !== parameter?.default) (kept[code] ??= {})[name] = value;
      }
    }
    if (errors.length > 0) throw new ApiError('invalid_input', `Paramètres refusés — ${errors.join(' ; ')}`);
    overrides = kept;
    return parameters();
  }

  return { queue, journeyDetail, personDetail, decide, exclusions, parameters, saveParameters };
}
