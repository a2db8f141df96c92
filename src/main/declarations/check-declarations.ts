import { createHash } from 'node:crypto';
import type { DeclarationProblem } from '../../shared/types/declarations';
import { formatDay } from '../../shared/util/format';
import { operatorUserKey, parsePersonKey } from '../domain/attestations/attestation-person';
import { parseDeclaration, type DeclarationCells, type ParsedDeclaration } from '../domain/declarations/declaration-row';
import {
  declaredSpansConflict, judgeDistance, registrySpanConflict, sameJourney, type DeclaredPlace, type DeclaredSpan, type JourneyPlaces, type PlacePosition,
} from '../domain/declarations/declaration-rules';
import type { GeoResolver, ResolvedLocation } from '../domain/geo/geo-resolver';
import { FRANCE_COUNTRY_CODE } from '../domain/trips/trip-row';
import { declarationsToken, registryJourneysOf, storedDeclarationsBetween } from '../db/declaration-source';
import type { SqlExecutor } from '../db/sql-executor';
import type { UserIdPseudonymiser } from '../extracts/pseudonymise';
import { addDays } from '../domain/time/calendar';
import { communePositions } from './commune-positions';

/** A row to check: its line in the file (null for the form), its cells by field, and its cells as read. */
export interface DeclarationRowInput {
  line: number | null;
  cells: DeclarationCells;
  raw: readonly string[];
}

/** A declared journey accepted, as `declared_trips` stores it (its batch and instant are added when written). */
export interface AcceptedDeclaration {
  natural_key: string;
  line: number | null;
  declarant_id: string;
  person_key: string | null;
  role: 'driver' | 'passenger';
  seats: number;
  start_at: string;
  start_local: string;
  distance_m: number;
  distance_estimated: 0 | 1;
  start_insee: string; start_com: string | null; start_epci: string | null; start_dep: string | null; start_reg: string | null; start_country: string;
  start_lat: number | null; start_lon: number | null; start_radius_m: number | null;
  end_insee: string; end_com: string | null; end_epci: string | null; end_dep: string | null; end_reg: string | null; end_country: string;
  end_lat: number | null; end_lon: number | null; end_radius_m: number | null;
  comment: string | null;
}

/** A row not accepted: a duplicate of a journey already declared, or rejected, with every problem found. */
export interface ReportedRow {
  line: number | null;
  outcome: 'duplicate' | 'rejected';
  problems: DeclarationProblem[];
  /** Its cells joined by `;`, the carpooler's user id replaced by the store's pseudonym. */
  raw: string;
}

/** Every row accounted for, and the store's declarations token they were checked against (see `declarationsToken`). */
export type CheckedDeclarations = {
  rows: number;
  accepted: AcceptedDeclaration[];
  reported: ReportedRow[];
  duplicates: number;
  rejected: number;
  token: string;
};

/** What the checks read besides the store: the geography, the store's pseudonymiser, the operators, the clock. */
export interface CheckDeclarationsDeps {
  db: SqlExecutor;
  geo: GeoResolver;
  /** The store's user-id pseudonymiser (null for a store keeping them in clear). */
  pseudonymiser: UserIdPseudonymiser | null;
  operators: ReadonlyMap<number, string>;
  now: Date;
  /** Told of the rows checked so far (every few hundred rows). */
  progress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * The natural key of a declared journey: `decl:` and the SHA-256 of its declarant, day, minute of departure, communes
 * (as given, normalised) and role. The same journey declared again, by any file or the form, has the same key.
 */
export function declarationKey(declaration: ParsedDeclaration): string {
  const fields = [declaration.declarant, declaration.startLocal.slice(0, 16), declaration.from, declaration.to, declaration.role];
  return `decl:${createHash('sha256').update(JSON.stringify(fields)).digest('hex')}`;
}

/** A row read, with what stage 1 found: its journey and places, or its problems. */
interface Candidate {
  input: DeclarationRowInput;
  raw: string;
  declaration: ParsedDeclaration | null;
  from: ResolvedLocation | null;
  to: ResolvedLocation | null;
  personKey: string | null;
  problems: DeclarationProblem[];
}

/** A journey of a person as the conflict rules compare them, with how to name it in a reason. */
interface PersonJourney extends DeclaredSpan, JourneyPlaces {
  key: string;
  /** `registry`: a registry journey (its published end in `endS`), else a declaration. */
  source: 'registry' | 'declared';
  endS: number;
  /** French words naming it: `la ligne 12`, `une déclaration déjà enregistrée`, `le trajet j:123 du registre`. */
  label: string;
}

const seconds = (iso: string): number => Date.parse(iso) / 1000;
/** The key of an owner's (`d:<declarant>` or `p:<person key>`) journeys of a local day. */
const ownerDay = (owner: string, day: string): string => `${owner}\u0000${day}`;
/** `2024-04-16 08:10:00` → `8 h 10`. */
const hhmm = (local: string): string => `${Number(local.slice(11, 13))} h ${local.slice(14, 16)}`;

/**
 * Checks rows of a file or the form against the rules of docs/declarations.md, in their order: fields (parsed by the
 * domain rules), communes (the COG), carpooler (a person key; `u:` keys need a known operator and are pseudonymised),
 * distance (declared and plausible, or estimated), then against the store and the rows accepted before them: the same
 * journey already declared (a duplicate, not an error), the same journey proven by the registry for the same person,
 * and the same person elsewhere at the time (another declaration, or a registry journey). Reads only; answers every row
 * with its outcome and the store's declarations token.
 */
export async function checkDeclarations(rows: readonly DeclarationRowInput[], deps: CheckDeclarationsDeps): Promise<CheckedDeclarations> {
  const token = await declarationsToken(deps.db);
  const candidates = rows.map((input) => readRow(input, deps));
  deps.signal?.throwIfAborted();
  const located = candidates.flatMap((candidate) => (candidate.from && candidate.to ? [candidate.from, candidate.to] : []));
  const positions = await communePositions(deps.db, located);
  const days = candidates.flatMap((candidate) => (candidate.declaration ? [candidate.declaration.day] : [])).sort();
  const window = days.length > 0 ? { from: addDays(days[0] as string, -1), to: addDays(days.at(-1) as string, 1) } : null;
  const persons = [...new Set(candidates.flatMap((candidate) => (candidate.personKey ? [candidate.personKey] : [])))];
  const stored = window ? await storedDeclarationsBetween(deps.db, window.from, window.to) : [];
  const registry = window && persons.length > 0 ? await registryJourneysOf(deps.db, persons, window.from, window.to) : [];
  deps.signal?.throwIfAborted();

  // Journeys by owner and local day: a row is compared with those of the day before, its day and the day after only.
  const journeysOf = new Map<string, PersonJourney[]>();
  const remember = (owners: ReadonlyArray<string | null>, journey: PersonJourney): void => {
    for (const owner of new Set(owners)) {
      if (owner === null) continue;
      const key = ownerDay(owner, journey.day);
      const list = journeysOf.get(key);
      if (list) list.push(journey);
      else journeysOf.set(key, [journey]);
    }
  };
  const storedKeys = new Set(stored.map((row) => row.natural_key));
  for (const row of stored) {
    const startS = seconds(row.start_at);
    const journey: PersonJourney = {
      key: row.natural_key, source: 'declared', startS, endS: startS, distanceM: row.distance_m, day: row.start_local.slice(0, 10),
      fromCom: null, toCom: null, label: `une déclaration déjà enregistrée (départ à ${hhmm(row.start_local)})`,
    };
    remember([`d:${row.declarant_id}`, row.person_key && `p:${row.person_key}`], journey);
  }
  for (const row of registry) {
    const startS = seconds(row.start_at);
    const endS = row.end_at ? seconds(row.end_at) : startS + (row.duration_s ?? 0);
    const journey: PersonJourney = {
      key: row.natural_key, source: 'registry', startS, endS, distanceM: 0, day: row.start_local.slice(0, 10), fromCom: row.start_com, toCom: row.end_com,
      label: `le trajet ${row.natural_key} du registre (${formatDay(row.start_local.slice(0, 10))}, départ à ${hhmm(row.start_local)})`,
    };
    remember([row.driver && `p:${row.driver}`, row.passenger && `p:${row.passenger}`], journey);
  }

  const result: CheckedDeclarations = { rows: rows.length, accepted: [], reported: [], duplicates: 0, rejected: 0, token };
  const acceptedKeys = new Map<string, number | null>();
  candidates.forEach((candidate, index) => {
    if (index % 500 === 0) {
      deps.signal?.throwIfAborted();
      deps.progress?.(index, candidates.length);
    }
    const outcome = decide(candidate, positions, { journeysOf, storedKeys, acceptedKeys });
    if ('accepted' in outcome) {
      result.accepted.push(outcome.accepted);
      acceptedKeys.set(outcome.accepted.natural_key, candidate.input.line);
      const startS = seconds(outcome.accepted.start_at);
      remember([`d:${outcome.accepted.declarant_id}`, outcome.accepted.person_key && `p:${outcome.accepted.person_key}`], {
        key: outcome.accepted.natural_key, source: 'declared', startS, endS: startS, distanceM: outcome.accepted.distance_m,
        day: outcome.accepted.start_local.slice(0, 10), fromCom: outcome.accepted.start_com, toCom: outcome.accepted.end_com,
        label: candidate.input.line === null ? 'un autre trajet' : `la ligne ${candidate.input.line} (départ à ${hhmm(outcome.accepted.start_local)})`,
      });
      return;
    }
    result.reported.push({ line: candidate.input.line, outcome: outcome.outcome, problems: outcome.problems, raw: candidate.raw });
    if (outcome.outcome === 'duplicate') result.duplicates += 1;
    else result.rejected += 1;
  });
  deps.progress?.(candidates.length, candidates.length);
  return result;
}

/** Stage 1: a row's fields, communes and carpooler, with every problem found among them. */
function readRow(input: DeclarationRowInput, deps: CheckDeclarationsDeps): Candidate {
  const parsed = parseDeclaration(input.cells, deps.now);
  const problems = 'problems' in parsed ? [...parsed.problems] : [];
  const place = (field: 'from' | 'to', what: string): ResolvedLocation | null => {
    const code = (input.cells[field] ?? '').trim();
    if (code === '') return null;
    const location = deps.geo.resolve(code);
    if (location === null || location.com === null || location.country !== FRANCE_COUNTRY_CODE) {
      const foreign = /^99\d{3}$/.test(code);
      problems.push({
        field,
        reasonCode: 'unknown_commune',
        reason: foreign ? `${what} « ${code} » : code d’un pays, une commune française est attendue` : `${what} inconnue « ${code} » (code INSEE de commune attendu)`,
      });
      return null;
    }
    return location;
  };
  const from = place('from', 'commune de départ');
  const to = place('to', 'commune d’arrivée');
  const carpooler = parsePersonKey(input.cells.carpooler ?? '');
  let personKey: string | null = null;
  let shownCarpooler = '';
  if (carpooler?.kind === 'identity') personKey = carpooler.identityKey;
  else if (carpooler?.kind === 'operator') {
    const stored = deps.pseudonymiser?.pseudonym(carpooler.userId) ?? carpooler.userId;
    shownCarpooler = `u:${carpooler.operator}:${stored}`;
    const operatorId = operatorIdOf(carpooler.operator, deps.operators);
    if (operatorId === null) problems.push({ field: 'carpooler', reasonCode: 'unknown_operator', reason: `opérateur inconnu dans la base : « ${carpooler.operator} »` });
    else personKey = operatorUserKey(operatorId, stored);
  }
  // The store never keeps an operator's user id in clear (docs/privacy.md), not even in a rejected line.
  const given = (input.cells.carpooler ?? '').trim();
  const raw = input.raw.map((cell) => (carpooler?.kind === 'operator' && cell.trim() === given ? shownCarpooler : cell)).join(';');
  const declaration = 'declaration' in parsed && problems.length === 0 ? parsed.declaration : null;
  return { input, raw, declaration, from, to, personKey, problems };
}

/** An operator of the store by id or name (case ignored), or null. */
function operatorIdOf(operator: string, operators: ReadonlyMap<number, string>): number | null {
  if (/^\d+$/.test(operator)) return operators.has(Number(operator)) ? Number(operator) : null;
  for (const [id, name] of operators) if (name.toLowerCase() === operator.toLowerCase()) return id;
  return null;
}

/** What the store and the rows before say about a row. */
interface Known {
  /** Journeys by owner and day (`ownerDay`): stored declarations, registry journeys, rows accepted before. */
  journeysOf: ReadonlyMap<string, readonly PersonJourney[]>;
  storedKeys: ReadonlySet<string>;
  /** Keys accepted earlier in this file, with their line. */
  acceptedKeys: ReadonlyMap<string, number | null>;
}

type Outcome = { accepted: AcceptedDeclaration } | { outcome: 'duplicate' | 'rejected'; problems: DeclarationProblem[] };

/** Stages 2 and 3: distance, then duplicates and conflicts of a row whose fields passed. */
function decide(candidate: Candidate, positions: ReadonlyMap<string, PlacePosition>, known: Known): Outcome {
  const { declaration, from, to } = candidate;
  if (declaration === null || from === null || to === null) return { outcome: 'rejected', problems: candidate.problems };
  const fromPlace: DeclaredPlace = { code: from.insee, dep: from.dep, position: positions.get(from.insee) ?? null };
  const toPlace: DeclaredPlace = { code: to.insee, dep: to.dep, position: positions.get(to.insee) ?? null };
  const distance = judgeDistance(declaration.distanceM, fromPlace, toPlace);
  if ('problem' in distance) return { outcome: 'rejected', problems: [distance.problem] };

  const key = declarationKey(declaration);
  if (known.storedKeys.has(key)) {
    return { outcome: 'duplicate', problems: [{ field: null, reasonCode: 'duplicate_declared', reason: 'trajet déjà déclaré (même déclarant, jour, heure, communes et rôle) : rien n’est ajouté' }] };
  }
  if (known.acceptedKeys.has(key)) {
    const line = known.acceptedKeys.get(key);
    return { outcome: 'duplicate', problems: [{ field: null, reasonCode: 'duplicate_declared', reason: `même trajet que ${line === null ? 'un autre' : `la ligne ${line}`} : compté une fois` }] };
  }
  const startS = seconds(declaration.startAt);
  const self: PersonJourney = {
    key, source: 'declared', startS, endS: startS, distanceM: distance.distanceM, day: declaration.day, fromCom: from.com, toCom: to.com, label: '',
  };
  const owners = [`d:${declaration.declarant}`, ...(candidate.personKey ? [`p:${candidate.personKey}`] : [])];
  const days = [addDays(declaration.day, -1), declaration.day, addDays(declaration.day, 1)];
  const others = [...new Map(owners.flatMap((owner) => days.flatMap((day) => known.journeysOf.get(ownerDay(owner, day)) ?? [])).map((journey) => [journey.key, journey])).values()];
  const proven = others.find((other) => other.source === 'registry' && sameJourney(self, other));
  if (proven) {
    return { outcome: 'rejected', problems: [{ field: null, reasonCode: 'registry_duplicate', reason: `trajet déjà prouvé par le registre pour ce covoitureur : ${proven.label}` }] };
  }
  const clash = others.find((other) => (other.source === 'registry' ? registrySpanConflict(self, other) : declaredSpansConflict(self, other)));
  if (clash) {
    return { outcome: 'rejected', problems: [{ field: 'time', reasonCode: 'same_person_elsewhere', reason: `même personne à deux endroits à la fois : ce trajet chevauche ${clash.label}` }] };
  }
  return {
    accepted: {
      natural_key: key, line: candidate.input.line, declarant_id: declaration.declarant, person_key: candidate.personKey, role: declaration.role, seats: declaration.seats,
      start_at: declaration.startAt, start_local: declaration.startLocal, distance_m: distance.distanceM, distance_estimated: distance.estimated ? 1 : 0,
      start_insee: from.insee, start_com: from.com, start_epci: from.epci, start_dep: from.dep, start_reg: from.reg, start_country: from.country,
      start_lat: fromPlace.position?.lat ?? null, start_lon: fromPlace.position?.lon ?? null, start_radius_m: fromPlace.position?.radiusM ?? null,
      end_insee: to.insee, end_com: to.com, end_epci: to.epci, end_dep: to.dep, end_reg: to.reg, end_country: to.country,
      end_lat: toPlace.position?.lat ?? null, end_lon: toPlace.position?.lon ?? null, end_radius_m: toPlace.position?.radiusM ?? null,
      comment: declaration.comment,
    },
  };
}
