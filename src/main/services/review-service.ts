import type {
  DecideRequest, DecisionRecord, ExclusionSummary, JourneyDetail, PersonDetail, QueueGroup, ReviewFlag, ReviewJourney, ReviewQueuePage,
  ReviewQueueRequest, ReviewSubject, StandingDecision,
} from '../../shared/types/reviews';
import { UserError } from '../../shared/ipc/result';
import { ReviewQueueRequest as ReviewQueueRequestSchema } from '../../shared/types/reviews';
import type { EventBus } from '../events/event-bus';
import type { CurrentFlagRow, ReviewDetailRepository } from '../db/repositories/review-detail-repository';
import type { ReviewDecisionsRepository } from '../db/repositories/review-decisions-repository';
import type { QueuePageRows, ReviewQueueRepository } from '../db/repositories/review-queue-repository';
import { SEVERITY_OF_RANK } from '../db/repositories/review-sql';
import type { JourneyFactsRow } from '../db/repositories/review-sql';
import { checkLabel } from '../domain/checks';

/** Journeys listed in a detail view (linked journeys, a person's journeys). */
const MAX_LISTED_JOURNEYS = 200;
const MAX_PERSON_JOURNEYS = 500;
/** Partners drawn around a person in the linked-persons graph. */
const MAX_PARTNERS = 30;


/** Tables a decision changes, announced so that open views (queue, exclusions, simulations) reload. */
const DECISION_TABLES = ['review_decisions', 'audit_log'];

/**
 * The investigator's review (docs/checks.md, « Instruction »): the queue of flagged journeys and persons, their
 * detail (facts, evidence, timeline, linked persons, coordinates), decisions recorded with the audit log, and what
 * confirmed fraud excludes from simulations and exports.
 */
export class ReviewService {
  constructor(
    private readonly queue: ReviewQueueRepository,
    private readonly detail: ReviewDetailRepository,
    private readonly decisions: ReviewDecisionsRepository,
    private readonly names: () => Promise<(code: string) => string | null>,
    /** Rebuilds the statistics of some days (they leave confirmed fraud out); answers the job id. */
    private readonly refreshStats: (days: { from: string; to: string }) => Promise<string | null>,
    private readonly bus: EventBus,
    private readonly actor: string,
    private readonly now: () => Date,
  ) {}

  /**
   * One page of a group of the queue (filters, groups, hidden checks and order of `ReviewQueueRequest`), with the
   * totals of both groups and the rows hidden checks left out.
   */
  async page(input: ReviewQueueRequest): Promise<ReviewQueuePage> {
    const request = ReviewQueueRequestSchema.parse(input);
    const { kind, group, hidden, offset, limit, ...filter } = request;
    if (kind === 'journeys') {
      const page = await this.queue.journeys(filter, group, hidden, offset, limit);
      const [name, decisions] = await Promise.all([this.names(), this.decisions.byIds(page.rows.flatMap((row) => (row.decision_id === null ? [] : [row.decision_id])))]);
      return {
        ...totalsOf(page, group),
        persons: [],
        journeys: page.rows.map((row) => ({
          naturalKey: row.natural_key,
          journeyId: row.journey_id === null ? null : String(row.journey_id),
          operatorName: row.operator_name,
          startLocal: row.start_local,
          startCommune: row.start_insee === null ? null : (name(row.start_insee) ?? row.start_insee),
          endCommune: row.end_insee === null ? null : (name(row.end_insee) ?? row.end_insee),
          distanceM: row.distance_m,
          status: row.status,
          atRiskCents: Number(row.at_risk),
          checks: row.checks,
          severity: SEVERITY_OF_RANK[row.severity_rank] ?? 'info',
          decision: standing(decisions.get(row.decision_id ?? -1)),
        })),
      };
    }
    const page = await this.queue.persons(filter, group, hidden, offset, limit);
    const decisions = await this.decisions.byIds(page.rows.flatMap((row) => (row.decision_id === null ? [] : [row.decision_id])));
    return {
      ...totalsOf(page, group),
      journeys: [],
      persons: page.rows.map((row) => ({
        person: row.person,
        operators: row.operators ? row.operators.split(',').sort() : [],
        journeys: Number(row.journeys),
        atRiskCents: Number(row.at_risk),
        checks: row.checks,
        severity: SEVERITY_OF_RANK[row.severity_rank] ?? 'info',
        decision: standing(decisions.get(row.decision_id ?? -1)),
      })),
    };
  }

  /** A journey's facts, current flags, linked journeys and decisions (its own, and its persons'). */
  async journey(naturalKey: string): Promise<JourneyDetail> {
    const [facts] = await this.detail.journeys([naturalKey]);
    if (!facts) throw new UserError('not_found', `Trajet introuvable dans la base : ${naturalKey}`);
    const flags = await this.detail.flagsOfJourney(naturalKey);
    const linkedKeys = [naturalKey, ...new Set(flags.flatMap((flag) => flag.journeyKeys).filter((key) => key !== naturalKey))].slice(0, MAX_LISTED_JOURNEYS);
    const name = await this.names();
    const linked = (await this.detail.journeys(linkedKeys)).map((row) => toJourney(row, name));
    const subjects: ReviewSubject[] = [{ kind: 'journey', key: naturalKey }];
    for (const person of [facts.driver, facts.passenger]) if (person) subjects.push({ kind: 'person', key: person });
    const history = await this.decisions.history(subjects);
    return { journey: toJourney(facts, name), flags: flags.map(toFlag), linked, decision: journeyStanding(history), history };
  }

  /** A person's aliases, timeline, flags, linked persons, journeys and decisions. */
  async person(person: string): Promise<PersonDetail> {
    const [aliases, timeline, flags, edges, journeys, history, name] = await Promise.all([
      this.detail.aliases(person),
      this.detail.timeline(person),
      this.detail.flagsOfPerson(person),
      this.detail.partners(person, MAX_PARTNERS),
      this.detail.personJourneys(person, MAX_PERSON_JOURNEYS),
      this.decisions.history([{ kind: 'person', key: person }]),
      this.names(),
    ]);
    if (journeys.total === 0 && flags.length === 0) throw new UserError('not_found', `Personne introuvable dans la base : ${person}`);
    const journeysBy = new Map<string, number>([[person, journeys.total]]);
    for (const edge of edges) {
      for (const node of [edge.from, edge.to]) if (node !== person && !journeysBy.has(node)) journeysBy.set(node, 0);
      if (edge.from === person) journeysBy.set(edge.to, (journeysBy.get(edge.to) ?? 0) + edge.fromDrove + edge.toDrove);
    }
    const flagged = new Set(await this.flaggedPersons([...journeysBy.keys()]));
    return {
      person,
      aliases,
      timeline,
      flags: flags.map(toFlag),
      graph: { nodes: [...journeysBy].map(([key, count]) => ({ person: key, journeys: count, flagged: flagged.has(key) })), edges },
      journeys: journeys.rows.map((row) => toJourney(row, name)),
      total: journeys.total,
      decision: standing(history[0]),
      history,
    };
  }

  /** Persons among `persons` named by a current flag. */
  private async flaggedPersons(persons: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const person of persons) if ((await this.detail.flagsOfPerson(person)).length > 0) found.push(person);
    return found;
  }

  /**
   * Records a decision on each subject (audit log entry each, one transaction), announces the change, and rebuilds
   * the statistics of the days of the subjects' journeys (confirmed fraud counts there or not). Answers how many
   * decisions were recorded and the statistics job (null when the subjects have no journey).
   */
  async decide(request: DecideRequest): Promise<{ decided: number; statsJobId: string | null }> {
    const recorded = await this.decisions.decide(request.subjects, request.decision, request.comment, this.actor, this.now().toISOString());
    this.bus.emit('data:changed', { tables: DECISION_TABLES });
    const days = await this.decisions.daysOf(request.subjects);
    return { decided: recorded.length, statsJobId: days ? await this.refreshStats(days) : null };
  }

  /** What confirmed fraud excludes from simulations and exports now. */
  exclusions(): Promise<ExclusionSummary> {
    return this.decisions.exclusions();
  }
}

/** The totals of a queue page: those of the group listed, of both groups, and the rows hidden checks left out. */
function totalsOf(page: QueuePageRows<unknown>, group: QueueGroup): Pick<ReviewQueuePage, 'total' | 'atRiskCents' | 'groups' | 'hiddenRows'> {
  return { ...page.groups[group], groups: page.groups, hiddenRows: page.hiddenRows };
}

function toFlag(flag: CurrentFlagRow): ReviewFlag {
  return { ...flag, label: checkLabel(flag.checkId) };
}

function toJourney(row: JourneyFactsRow, name: (code: string) => string | null): ReviewJourney {
  return {
    naturalKey: row.natural_key,
    journeyId: row.journey_id === null ? null : String(row.journey_id),
    operatorName: row.operator_name,
    operatorTripId: row.operator_trip_id,
    startLocal: row.start_local,
    endLocal: row.end_local,
    durationS: row.duration_s,
    distanceM: row.distance_m,
    seats: row.seats,
    status: row.status,
    startInsee: row.start_insee,
    endInsee: row.end_insee,
    startCommune: row.start_insee === null ? null : name(row.start_insee),
    endCommune: row.end_insee === null ? null : name(row.end_insee),
    startLat: row.start_lat,
    startLon: row.start_lon,
    endLat: row.end_lat,
    endLon: row.end_lon,
    driver: row.driver,
    passenger: row.passenger,
    rpcIncentiveCents: Number(row.rpc_cents),
    operatorIncentiveCents: Number(row.op_cents),
    excluded: Boolean(row.excluded),
  };
}

/** A decision as it stands on a queue row or a detail view; `via` says whether it is the journey's or a person's. */
function standing(record: DecisionRecord | undefined): StandingDecision | null {
  if (!record) return null;
  return { id: record.id, decision: record.decision, comment: record.comment, actor: record.actor, decidedAt: record.decidedAt, via: record.subject.kind };
}

/**
 * A journey's standing decision from the history of the journey and its persons (newest first), by the same rule
 * as the queue and the exclusions: its own; else a confirmed person; else its persons' latest.
 */
function journeyStanding(history: readonly DecisionRecord[]): StandingDecision | null {
  const own = history.find((record) => record.subject.kind === 'journey');
  if (own) return standing(own);
  const latestByPerson = new Map<string, DecisionRecord>();
  for (const record of history) if (!latestByPerson.has(record.subject.key)) latestByPerson.set(record.subject.key, record);
  const current = [...latestByPerson.values()].sort((a, b) => b.id - a.id);
  return standing(current.find((record) => record.decision === 'confirmed') ?? current[0]);
}
