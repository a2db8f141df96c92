import { z } from 'zod';
import { CalendarDay, StatsLevel } from './stats';

/** How serious a flag is: `info` feeds a person's score, `warning` asks for a look, `high` is likely fraud. */
export const Severity = z.enum(['info', 'warning', 'high']);
export type Severity = z.infer<typeof Severity>;

/** An investigator's decision: fraude confirmée, légitime, information demandée à l'opérateur. */
export const Decision = z.enum(['confirmed', 'legitimate', 'info_requested']);
export type Decision = z.infer<typeof Decision>;

/** What a decision is about: a journey (its natural key) or a person (identity key, else `u:<operator id>:<user id>`). */
export const ReviewSubject = z
  .object({ kind: z.enum(['journey', 'person']), key: z.string().trim().min(1).max(200) })
  .strict();
export type ReviewSubject = z.infer<typeof ReviewSubject>;

/** Registry statuses a journey can carry in the extracts. */
export const RegistryStatus = z.enum(['ok', 'fraud_error', 'anomaly_error', 'pending']);

/**
 * The two groups of the review queue: subjects with a flag of their own (`own`), and subjects whose flags only
 * restate the registry's status (`registry`: T11, and T09 for an incentive paid on a journey the registry rejected).
 */
export const QueueGroup = z.enum(['own', 'registry']);
export type QueueGroup = z.infer<typeof QueueGroup>;

/** A check code without version, `T10`. */
export const CheckCodeSchema = z.string().regex(/^[A-Z]\d{2}$/, 'code de contrôle attendu, par exemple T10');

/**
 * Filters and order of the review queue. Days are local (Europe/Paris), inclusive. Rows are ranked by severity,
 * then number of distinct checks, then incentives at risk, of the flags the queue shows: those passing the check
 * and severity filters, of checks not hidden, of the row's group.
 */
export const ReviewQueueRequest = z
  .object({
    /** Flagged journeys, or flagged persons. */
    kind: z.enum(['journeys', 'persons']),
    /** The group listed; the other is counted (`ReviewQueuePage.groups`). */
    group: QueueGroup.default('own'),
    /**
     * Check codes hidden from the queue (the investigator's view, not the scan's enabled checks): their flags are
     * neither shown nor ranked; a row left with none is counted in `hiddenRows`. A check filter shows its check anyway.
     */
    hidden: z.array(CheckCodeSchema).max(64).default([]),
    /** Check code (`H02`) or versioned id (`H02@1`). */
    check: z.string().trim().regex(/^[A-Z]\d{2}(@\d+)?$/, 'contrôle attendu, par exemple H02').optional(),
    /** Lowest severity shown. */
    severity: Severity.optional(),
    operatorId: z.number().int().positive().optional(),
    from: CalendarDay.optional(),
    to: CalendarDay.optional(),
    /** Journeys starting or ending in this territory. */
    territory: z.object({ level: StatsLevel, code: z.string().trim().min(1).max(20) }).strict().optional(),
    status: RegistryStatus.optional(),
    /** `none`: not decided yet; otherwise the standing decision. */
    decision: z.enum(['none', 'confirmed', 'legitimate', 'info_requested']).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict()
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] });
export type ReviewQueueRequest = z.input<typeof ReviewQueueRequest>;

/** The standing decision of a subject, and whether it comes from the journey itself or one of its persons. */
export const StandingDecision = z.object({
  id: z.number().int(),
  decision: Decision,
  comment: z.string(),
  actor: z.string(),
  /** ISO instant (UTC). */
  decidedAt: z.string(),
  via: z.enum(['journey', 'person']),
});
export type StandingDecision = z.infer<typeof StandingDecision>;

/** A flagged journey in the queue. Money in euro cents, distance in metres. */
export const QueueJourney = z.object({
  naturalKey: z.string(),
  journeyId: z.string().nullable(),
  operatorName: z.string().nullable(),
  /** Local start, `YYYY-MM-DD HH:MM:SS`. */
  startLocal: z.string(),
  startCommune: z.string().nullable(),
  endCommune: z.string().nullable(),
  distanceM: z.number().nullable(),
  status: z.string().nullable(),
  /** Registry + operator-declared incentives of the journey. */
  atRiskCents: z.number().int(),
  /** Versioned ids of the checks shown for the journey: its current flags of the row's group passing the filters. */
  checks: z.array(z.string()),
  severity: Severity,
  decision: StandingDecision.nullable(),
});
export type QueueJourney = z.infer<typeof QueueJourney>;

/**
 * A flagged person in the queue: the checks shown (as for journeys), and its flagged journeys passing the journey
 * filters, linked by a flag shown, with their incentives at risk.
 */
export const QueuePerson = z.object({
  person: z.string(),
  operators: z.array(z.string()),
  journeys: z.number().int(),
  atRiskCents: z.number().int(),
  checks: z.array(z.string()),
  severity: Severity,
  decision: StandingDecision.nullable(),
});
export type QueuePerson = z.infer<typeof QueuePerson>;

/** Rows of a group of the queue and their incentives at risk (cents), over every page. */
export const QueueGroupTotals = z.object({ total: z.number().int(), atRiskCents: z.number().int() });

/** One page of the queue's group, with the totals of rows and incentives at risk over every page. */
export const ReviewQueuePage = z.object({
  /** Rows of the group listed, over every page. */
  total: z.number().int(),
  atRiskCents: z.number().int(),
  journeys: z.array(QueueJourney),
  persons: z.array(QueuePerson),
  /** Both groups under the same filters, the one listed included. */
  groups: z.object({ own: QueueGroupTotals, registry: QueueGroupTotals }),
  /** Rows passing the filters that hidden checks left out: every flag they would show is of a hidden check. */
  hiddenRows: z.number().int(),
});
export type ReviewQueuePage = z.infer<typeof ReviewQueuePage>;

/** A flag as the detail view shows it. */
export const ReviewFlag = z.object({
  id: z.number().int(),
  checkId: z.string(),
  label: z.string(),
  severity: Severity,
  journeyKeys: z.array(z.string()),
  persons: z.array(z.string()),
  evidence: z.record(z.string(), z.unknown()),
});
export type ReviewFlag = z.infer<typeof ReviewFlag>;

/** A decision of the history (newest first), with the one it revised. */
export const DecisionRecord = z.object({
  id: z.number().int(),
  subject: ReviewSubject,
  decision: Decision,
  comment: z.string(),
  actor: z.string(),
  decidedAt: z.string(),
  previousId: z.number().int().nullable(),
  auditId: z.number().int(),
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** A journey's facts for the detail views and the plot. Coordinates in degrees (possibly truncated), money in cents. */
export const ReviewJourney = z.object({
  naturalKey: z.string(),
  journeyId: z.string().nullable(),
  operatorName: z.string().nullable(),
  operatorTripId: z.string().nullable(),
  startLocal: z.string(),
  endLocal: z.string().nullable(),
  durationS: z.number().nullable(),
  distanceM: z.number().nullable(),
  seats: z.number().nullable(),
  status: z.string().nullable(),
  startInsee: z.string().nullable(),
  endInsee: z.string().nullable(),
  startCommune: z.string().nullable(),
  endCommune: z.string().nullable(),
  startLat: z.number().nullable(),
  startLon: z.number().nullable(),
  endLat: z.number().nullable(),
  endLon: z.number().nullable(),
  driver: z.string().nullable(),
  passenger: z.string().nullable(),
  rpcIncentiveCents: z.number().int(),
  operatorIncentiveCents: z.number().int(),
  excluded: z.boolean(),
});
export type ReviewJourney = z.infer<typeof ReviewJourney>;

/** Detail of a flagged journey: facts, current flags with evidence, the journeys they link, decisions. */
export const JourneyDetail = z.object({
  journey: ReviewJourney,
  flags: z.array(ReviewFlag),
  /** Journeys linked by the flags (the journey itself first), at most 200. */
  linked: z.array(ReviewJourney),
  decision: StandingDecision.nullable(),
  history: z.array(DecisionRecord),
});
export type JourneyDetail = z.infer<typeof JourneyDetail>;

/** A person linked to another by shared journeys, for the graph (edges weighted by journeys each way). */
export const PersonEdge = z.object({ from: z.string(), to: z.string(), fromDrove: z.number().int(), toDrove: z.number().int() });

/** Detail of a person: timeline by day and role, flags, linked persons, journeys, aliases, decisions. */
export const PersonDetail = z.object({
  person: z.string(),
  /** Identifiers reconstituted into this person (G01), with the journey sides seen under each. */
  aliases: z.array(z.object({ alias: z.string(), sides: z.number().int() })),
  timeline: z.array(z.object({ day: z.string(), driver: z.number().int(), passenger: z.number().int() })),
  flags: z.array(ReviewFlag),
  /** Persons sharing journeys with this one (at most 30, busiest first) and the edges among them. */
  graph: z.object({ nodes: z.array(z.object({ person: z.string(), journeys: z.number().int(), flagged: z.boolean() })), edges: z.array(PersonEdge) }),
  /** The person's journeys, newest first, at most 500; `total` counts them all. */
  journeys: z.array(ReviewJourney),
  total: z.number().int(),
  decision: StandingDecision.nullable(),
  history: z.array(DecisionRecord),
});
export type PersonDetail = z.infer<typeof PersonDetail>;

/**
 * A subject of a decision, with the decision the investigator saw on it: the id of its latest decision of its own
 * (not one on its persons), or null when it had none. When another decision was recorded on it meanwhile (another
 * investigator on the shared store), the new one is refused (`conflict`) instead of silently revising one it never
 * saw. Left out (command line, scripts): no such check.
 */
export const DecideSubject = z
  .object({ kind: ReviewSubject.shape.kind, key: ReviewSubject.shape.key, seenDecisionId: z.number().int().positive().nullable().optional() })
  .strict();
export type DecideSubject = z.infer<typeof DecideSubject>;

/** A decision taken on one or many subjects (bulk), each recorded separately in the audit log. */
export const DecideRequest = z
  .object({
    subjects: z.array(DecideSubject).min(1).max(500),
    decision: Decision,
    comment: z.string().trim().max(2_000),
  })
  .strict()
  .refine((r) => r.decision !== 'confirmed' || r.comment.length > 0, { message: 'une fraude confirmée doit être motivée', path: ['comment'] });
export type DecideRequest = z.infer<typeof DecideRequest>;

/** What confirmed fraud takes out of simulations and exports. */
export const ExclusionSummary = z.object({
  journeysConfirmed: z.number().int(),
  personsConfirmed: z.number().int(),
  /** Distinct journeys excluded (the journeys confirmed and every journey of a confirmed person). */
  excludedTrips: z.number().int(),
  excludedAtRiskCents: z.number().int(),
});
export type ExclusionSummary = z.infer<typeof ExclusionSummary>;

/** Where a scan looks: a period (local days, inclusive) and/or a territory; nothing = the whole store. */
export const ScanScope = z
  .object({
    from: CalendarDay.optional(),
    to: CalendarDay.optional(),
    territory: z.object({ level: StatsLevel, code: z.string().trim().min(1).max(20) }).strict().optional(),
  })
  .strict()
  .refine((r) => (r.from === undefined) === (r.to === undefined), { message: 'indiquer le début et la fin de la période', path: ['to'] })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] });
export type ScanScope = z.infer<typeof ScanScope>;

/** A parameter value: numbers, or a text/null for the few that take one (T11's extract instant). */
export const ParameterValue = z.union([z.number().finite(), z.string().max(40), z.null()]);

/** Every check with its parameters (current value, default, French label, unit) for the settings form. */
export const CheckParametersView = z.object({
  checks: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      label: z.string(),
      family: z.enum(['trip', 'person', 'graph']),
      severity: Severity,
      /** False for checks that need something absent here (T07 needs an offline router). */
      enabled: z.boolean(),
      /** Why a check is off, in French; null when enabled. */
      disabledReason: z.string().nullable(),
      parameters: z.array(z.object({ name: z.string(), label: z.string(), unit: z.string(), value: ParameterValue, default: ParameterValue })),
    }),
  ),
});
export type CheckParametersView = z.infer<typeof CheckParametersView>;

/** Parameter overrides per check code; a check or parameter left out keeps its default. */
export const CheckParameterOverridesInput = z.record(z.string().regex(/^[A-Z]\d{2}$/), z.record(z.string().max(40), ParameterValue));
export type CheckParameterOverridesInput = z.infer<typeof CheckParameterOverridesInput>;

/** Case files to write: one workbook per operator with flagged journeys, and the check × operator × month summary. */
export const CaseExportRequest = z
  .object({
    /** One operator; every operator with flagged journeys when absent. */
    operatorId: z.number().int().positive().optional(),
    from: CalendarDay.optional(),
    to: CalendarDay.optional(),
  })
  .strict()
  .refine((r) => (r.from === undefined) === (r.to === undefined), { message: 'indiquer le début et la fin de la période', path: ['to'] });
export type CaseExportRequest = z.infer<typeof CaseExportRequest>;
