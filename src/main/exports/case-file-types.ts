/**
 * Plain data given to the case-file writers (`writeOperatorCaseFile`, `writeCaseSummaryWorkbook`): no database
 * rows, so the writers stay pure and testable. Amounts are integer cents, distances metres, durations seconds.
 */

/** Current decision of the investigator: fraude confirmée, légitime, or information demandée à l'opérateur. */
export type CaseDecision = 'confirmed' | 'legitimate' | 'info_requested';

/** How serious a flag is (same scale as the checks): `info` < `warning` (à vérifier) < `high` (élevée). */
export type CaseSeverity = 'info' | 'warning' | 'high';

/** One check that flagged a journey. */
export interface CaseCheck {
  /** Versioned check id, e.g. `T01@1`. */
  checkId: string;
  /** French label of the check, e.g. `Vitesse`. */
  label: string;
  severity: CaseSeverity;
  /**
   * Values the check measured, in the check's own units (`speedKmh`, `distanceM`…). Keys naming persons, identity
   * keys or aliases are left out of the file, and any identity key found in a value is masked.
   */
  evidence: Record<string, unknown>;
}

/** The decision currently in force on a journey (taken on the journey or on one of its persons). */
export interface CaseDecisionInfo {
  decision: CaseDecision;
  /** The investigator's reasons, free text. */
  comment: string;
  /** Who decided; kept for the caller's audit, not written to the operator's file. */
  author: string;
  /** ISO instant (UTC). */
  decidedAt: string;
}

/** One flagged journey of an operator's case file. */
export interface CaseFileJourney {
  /** Registry journey id. */
  journeyId: string | null;
  operatorJourneyId: string | null;
  operatorTripId: string | null;
  /** Europe/Paris wall-clock time `YYYY-MM-DD HH:MM:SS`, as published. */
  startLocal: string;
  /** Europe/Paris wall-clock time `YYYY-MM-DD HH:MM:SS`, as published. */
  endLocal: string | null;
  /** INSEE codes (arrondissement or commune). */
  startInsee: string | null;
  endInsee: string | null;
  /** Commune names. */
  startCommune: string | null;
  endCommune: string | null;
  /** Declared distance, metres. */
  distanceM: number | null;
  /** Declared duration, seconds. */
  durationS: number | null;
  /** Passenger seats. */
  seats: number | null;
  /** Registry status: `ok`, `fraud_error`, `anomaly_error` or `pending`. */
  status: string;
  /** The operator's own user ids (it needs them to counter-check); never identity keys. */
  operatorDriverId: string | null;
  operatorPassengerId: string | null;
  /** Registry incentives of the journey, integer cents. */
  rpcIncentiveCents: number;
  /** Incentives the operator declared for the journey, integer cents. */
  operatorIncentiveCents: number;
  /** Checks that flagged the journey. */
  checks: CaseCheck[];
  /** Current decision on this journey (or on one of its persons), null if none. */
  decision: CaseDecisionInfo | null;
}

/** A period of Paris calendar days `YYYY-MM-DD`, both included. */
export interface CasePeriod {
  from: string;
  to: string;
}

/** What `writeOperatorCaseFile` writes about. */
export interface OperatorCaseFileInput {
  operatorName: string;
  /** ISO instant of production, printed in Paris time. */
  generatedAt: string;
  /** Period the journeys were taken from; null when the file covers every flagged journey. */
  period: CasePeriod | null;
  /** Who produces the file (investigator or service), printed in « Synthèse » when given. */
  author?: string;
  /** The operator's flagged journeys, streamed (tens of thousands possible); the file keeps their order. */
  journeys: AsyncIterable<CaseFileJourney> | Iterable<CaseFileJourney>;
}

/** What `writeOperatorCaseFile` wrote: journeys (rows of « Trajets ») and rows of « Preuves » (journey × check). */
export interface OperatorCaseFileResult {
  journeys: number;
  evidenceRows: number;
}

/** Flags of one check, for one operator and one month. */
export interface CaseSummaryRow {
  /** Versioned check id, e.g. `T01@1`. */
  checkId: string;
  /** French label of the check. */
  label: string;
  operatorName: string;
  /** `YYYY-MM`, Paris calendar. */
  month: string;
  /** Flags raised (a flag may be about a person and several journeys). */
  flags: number;
  /** Distinct journeys concerned by these flags. */
  journeys: number;
  /** Flags by severity (they add up to `flags`). */
  high: number;
  warning: number;
  info: number;
  /** Registry + operator incentives of the journeys concerned, integer cents. */
  atRiskCents: number;
  /** Decisions in force on the journeys or persons concerned, by kind. */
  confirmed: number;
  legitimate: number;
  infoRequested: number;
}

/** What `writeCaseSummaryWorkbook` writes about. */
export interface CaseSummaryInput {
  /** ISO instant of production, printed in Paris time. */
  generatedAt: string;
  /** Period of the flags; null when every scan result is summed up. */
  period: CasePeriod | null;
  rows: CaseSummaryRow[];
}

/** French severity labels, as the Contrôles page shows them. */
export const SEVERITY_LABELS: Readonly<Record<CaseSeverity, string>> = { info: 'info', warning: 'à vérifier', high: 'élevée' };

/** French decision labels. */
export const DECISION_LABELS: Readonly<Record<CaseDecision, string>> = {
  confirmed: 'fraude confirmée',
  legitimate: 'légitime',
  info_requested: 'information demandée à l’opérateur',
};
