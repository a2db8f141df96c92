import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Decision } from '../../../shared/types/reviews';
import { periodSql } from '../../db/level-columns';
import { AT_RISK_SQL, STANDING_DECISION_SQL } from '../../db/repositories/review-sql';
import { WorkerConnection } from '../../db/worker-connection';
import { checkLabel } from '../../domain/checks';
import { createGeoResolver, withAom } from '../../domain/geo/geo-resolver';
import { sanitizeCampaignName } from '../../exports/apdf-file-name';
import type { CaseDecisionInfo, CaseFileJourney, CaseSeverity, CaseSummaryRow } from '../../exports/case-file-types';
import { writeCaseSummaryWorkbook } from '../../exports/case-summary-workbook';
import { writeOperatorCaseFile } from '../../exports/case-file-workbook';
import { loadDecoupageReference } from '../../geo/decoupage-reference';
import type { TaskContext } from './task-context';

export interface ExportCasesParams {
  dbFile: string;
  /** One operator, or every operator with flagged journeys. */
  operatorId: number | null;
  /** Local days, inclusive (journeys' start); null: every current flag. */
  period: { from: string; to: string } | null;
  outDir: string;
  generatedAt: string;
}

/** One journey × current flag of the store, with what the case files print. */
interface FlagLink {
  flagId: number;
  checkId: string;
  severity: CaseSeverity;
  evidence: Record<string, unknown>;
  decisionId: number | null;
  tripId: number;
  naturalKey: string;
  operatorId: number;
  operatorName: string;
  month: string;
  atRiskCents: number;
  journey: Omit<CaseFileJourney, 'checks' | 'decision' | 'startCommune' | 'endCommune'>;
}


/** Reads every journey × current flag of the scope, in chronological order of the journeys. */
async function readLinks(db: WorkerConnection, params: ExportCasesParams): Promise<FlagLink[]> {
  const where: string[] = ['f.current = 1'];
  const bindings: unknown[] = [];
  if (params.operatorId !== null) {
    where.push('t.operator_id = ?');
    bindings.push(params.operatorId);
  }
  if (params.period) {
    const period = periodSql(params.period.from, params.period.to);
    where.push(period.sql);
    bindings.push(...period.bindings);
  }
  const rows = await db.all<{ r: string; evidence_json: string }>(
    `SELECT json_array(f.id, f.check_id, f.severity, ${STANDING_DECISION_SQL}, t.id, t.natural_key, t.operator_id, o.name, t.journey_id,
       t.operator_journey_id, t.operator_trip_id, t.start_local, t.end_local, t.start_insee, t.end_insee, t.distance_m, t.duration_s, t.seats,
       t.status, t.operator_driver_id, t.operator_passenger_id,
       ${[0, 1, 2].map((i) => `COALESCE(t.rpc_incentive_${i}_cents, 0)`).join(' + ')}, ${[0, 1, 2].map((i) => `COALESCE(t.op_incentive_${i}_cents, 0)`).join(' + ')},
       ${AT_RISK_SQL}) AS r, f.evidence_json
     FROM check_flags f JOIN check_flag_journeys fj ON fj.flag_id = f.id JOIN trips t ON t.natural_key = fj.natural_key
     JOIN operators o ON o.id = t.operator_id
     WHERE ${where.join(' AND ')} ORDER BY o.name, t.start_local, t.natural_key, f.id`,
    bindings,
  );
  return rows.map(({ r, evidence_json }) => {
    const v = JSON.parse(r) as Array<string | number | null>;
    const text = (value: string | number | null | undefined): string | null => (value === null || value === undefined ? null : String(value));
    return {
      flagId: Number(v[0]), checkId: String(v[1]), severity: v[2] as CaseSeverity, decisionId: v[3] === null ? null : Number(v[3]),
      tripId: Number(v[4]), naturalKey: String(v[5]), operatorId: Number(v[6]), operatorName: String(v[7]),
      month: String(v[11]).slice(0, 7), atRiskCents: Number(v[23]), evidence: JSON.parse(evidence_json) as Record<string, unknown>,
      journey: {
        journeyId: text(v[8]), operatorJourneyId: text(v[9]), operatorTripId: text(v[10]), startLocal: String(v[11]), endLocal: text(v[12]),
        startInsee: text(v[13]), endInsee: text(v[14]), distanceM: v[15] === null ? null : Number(v[15]), durationS: v[16] === null ? null : Number(v[16]),
        seats: v[17] === null ? null : Number(v[17]), status: String(v[18] ?? ''), operatorDriverId: text(v[19]), operatorPassengerId: text(v[20]),
        rpcIncentiveCents: Number(v[21]), operatorIncentiveCents: Number(v[22]),
      },
    };
  });
}

/**
 * Evidence an operator may read: user ids of other operators (`u:<operator id>:<user id>` in G checks' evidence,
 * G01's `operatorUsers`) are theirs, not this operator's, and are left out.
 */
export function evidenceForOperator(evidence: Record<string, unknown>, operatorId: number): Record<string, unknown> {
  const foreign = (value: unknown): boolean => typeof value === 'string' && /^u:\d*:/.test(value) && !value.startsWith(`u:${operatorId}:`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(evidence)) {
    if (key === 'operatorUsers') continue;
    if (Array.isArray(value)) out[key] = value.filter((item) => !foreign(item));
    else if (!foreign(value)) out[key] = value;
  }
  return out;
}

/** The links of one operator grouped into case-file journeys (links are ordered by journey). */
function* caseJourneys(links: readonly FlagLink[], decisions: ReadonlyMap<number, CaseDecisionInfo>, name: (code: string) => string | null): Generator<CaseFileJourney> {
  let current: CaseFileJourney | null = null;
  let currentKey = '';
  for (const link of links) {
    if (link.naturalKey !== currentKey) {
      if (current) yield current;
      currentKey = link.naturalKey;
      current = {
        ...link.journey,
        startCommune: link.journey.startInsee === null ? null : name(link.journey.startInsee),
        endCommune: link.journey.endInsee === null ? null : name(link.journey.endInsee),
        checks: [],
        decision: link.decisionId === null ? null : (decisions.get(link.decisionId) ?? null),
      };
    }
    current?.checks.push({ checkId: link.checkId, label: checkLabel(link.checkId), severity: link.severity, evidence: evidenceForOperator(link.evidence, link.operatorId) });
  }
  if (current) yield current;
}

/**
 * Flags by check × operator × month: distinct flags (by severity), distinct journeys with their incentives at risk
 * and the decisions standing on them.
 */
export function summaryRows(links: readonly FlagLink[], decisions: ReadonlyMap<number, CaseDecisionInfo>): CaseSummaryRow[] {
  const groups = new Map<string, { row: CaseSummaryRow; flags: Set<number>; trips: Set<number> }>();
  for (const link of links) {
    const key = `${link.checkId}\u0000${link.operatorName}\u0000${link.month}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        row: { checkId: link.checkId, label: checkLabel(link.checkId), operatorName: link.operatorName, month: link.month, flags: 0, journeys: 0, high: 0, warning: 0, info: 0, atRiskCents: 0, confirmed: 0, legitimate: 0, infoRequested: 0 },
        flags: new Set(),
        trips: new Set(),
      };
      groups.set(key, group);
    }
    if (!group.flags.has(link.flagId)) {
      group.flags.add(link.flagId);
      group.row.flags += 1;
      group.row[link.severity] += 1;
    }
    if (!group.trips.has(link.tripId)) {
      group.trips.add(link.tripId);
      group.row.journeys += 1;
      group.row.atRiskCents += link.atRiskCents;
      const decision = link.decisionId === null ? undefined : decisions.get(link.decisionId)?.decision;
      if (decision === 'confirmed') group.row.confirmed += 1;
      else if (decision === 'legitimate') group.row.legitimate += 1;
      else if (decision === 'info_requested') group.row.infoRequested += 1;
    }
  }
  return [...groups.values()].map((group) => group.row);
}

/**
 * Writes the case files (docs/checks.md, « Dossiers ») into the exports folder: one workbook per operator with
 * flagged journeys (journeys, evidence, decisions) for its counter-checks, and the summary of flags by check ×
 * operator × month. Each file appears only when complete.
 */
export async function exportCases(params: ExportCasesParams, context: TaskContext): Promise<Record<string, unknown>> {
  const db = await WorkerConnection.open(params.dbFile);
  try {
    context.progress('read', 0, 0);
    await mkdir(params.outDir, { recursive: true });
    const links = await readLinks(db, params);
    const decisionIds = [...new Set(links.flatMap((link) => (link.decisionId === null ? [] : [link.decisionId])))];
    const decisions = new Map<number, CaseDecisionInfo>();
    for (let offset = 0; offset < decisionIds.length; offset += 500) {
      const chunk = decisionIds.slice(offset, offset + 500);
      const rows = await db.all<{ id: number; decision: Decision; comment: string; actor: string; decided_at: string }>(
        `SELECT id, decision, comment, actor, decided_at FROM review_decisions WHERE id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const row of rows) decisions.set(row.id, { decision: row.decision, comment: row.comment, author: row.actor, decidedAt: row.decided_at });
    }
    const geo = createGeoResolver(withAom(loadDecoupageReference(), new Map()));
    const name = (code: string): string | null => geo.name('com', code) ?? geo.name('country', code);
    const byOperator = new Map<string, FlagLink[]>();
    for (const link of links) {
      const list = byOperator.get(link.operatorName);
      if (list) list.push(link);
      else byOperator.set(link.operatorName, [link]);
    }
    const scope = params.period ? `${params.period.from}_${params.period.to}` : 'tout';
    const files: string[] = [];
    let done = 0;
    context.progress('write', 0, byOperator.size + 1);
    for (const [operatorName, operatorLinks] of byOperator) {
      context.signal.throwIfAborted();
      const file = join(params.outDir, `dossier-controles-${sanitizeCampaignName(operatorName)}-${scope}.xlsx`);
      await writeOperatorCaseFile(file, { operatorName, generatedAt: params.generatedAt, period: params.period, journeys: caseJourneys(operatorLinks, decisions, name) }, context.signal);
      files.push(file);
      context.progress('write', (done += 1), byOperator.size + 1);
    }
    const summaryFile = join(params.outDir, `signalements-controle-operateur-mois-${scope}.xlsx`);
    await writeCaseSummaryWorkbook(summaryFile, { generatedAt: params.generatedAt, period: params.period, rows: summaryRows(links, decisions) }, context.signal);
    files.push(summaryFile);
    context.progress('write', byOperator.size + 1, byOperator.size + 1);
    return { files, operators: byOperator.size, journeys: new Set(links.map((link) => link.tripId)).size, flags: new Set(links.map((link) => link.flagId)).size };
  } finally {
    await db.close();
  }
}
