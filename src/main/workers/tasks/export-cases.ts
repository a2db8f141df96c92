import { join } from 'node:path';
import { readCaseFlagLinks, type CaseFlagLink } from '../../db/case-file-source';
import { decisionsByIds } from '../../db/review-decision-rows';
import { withStoreConnection } from '../../db/store-connection';
import { checkLabel } from '../../domain/checks';
import { createGeoResolver, withAom } from '../../domain/geo/geo-resolver';
import { sanitizeCampaignName } from '../../exports/apdf-file-name';
import type { CaseDecisionInfo, CaseFileJourney, CaseSummaryRow } from '../../exports/case-file-types';
import { writeCaseSummaryWorkbook } from '../../exports/case-summary-workbook';
import { writeOperatorCaseFile } from '../../exports/case-file-workbook';
import { uniqueFileNames } from '../../exports/unique-file-names';
import { loadDecoupageReference } from '../../geo/decoupage-reference';
import { makePrivateDir } from '../../platform/private-files';
import type { TaskContext } from './task-context';

/** What `export.cases` is started with: the store, the flags covered and where to write the case files. */
export interface ExportCasesParams {
  storeAddress: string;
  /** One operator, or every operator with flagged journeys. */
  operatorId: number | null;
  /** Local days, inclusive (journeys' start); null: every current flag. */
  period: { from: string; to: string } | null;
  outDir: string;
  generatedAt: string;
}

/** The case files written (one per operator, then the summary workbook) and what they hold. */
export type ExportCasesSummary = {
  files: string[];
  operators: number;
  journeys: number;
  flags: number;
};

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
function* caseJourneys(links: readonly CaseFlagLink[], decisions: ReadonlyMap<number, CaseDecisionInfo>, name: (code: string) => string | null): Generator<CaseFileJourney> {
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
export function summaryRows(links: readonly CaseFlagLink[], decisions: ReadonlyMap<number, CaseDecisionInfo>): CaseSummaryRow[] {
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
 * File names of one case-file export: `dossier-controles-<operator>-<scope>.xlsx` per operator, in order, then
 * `signalements-controle-operateur-mois-<scope>.xlsx`. Operators whose names give the same file name (case, accents,
 * full-width or dropped characters: « BlaBlaCar Daily » / « Blablacar daily », « =1+1 » / « ＝1+1 ») each get a short
 * hash of their exact name after it, so no dossier replaces another (docs/exports.md).
 */
export function caseFileNames(operatorNames: readonly string[], scope: string): string[] {
  return uniqueFileNames([
    ...operatorNames.map((operatorName) => ({
      identity: operatorName,
      name: (suffix: string) => `dossier-controles-${sanitizeCampaignName(operatorName) || 'operateur'}${suffix}-${scope}.xlsx`,
    })),
    { identity: '', name: (suffix: string) => `signalements-controle-operateur-mois-${scope}${suffix}.xlsx` },
  ]);
}

/**
 * Writes the case files (docs/checks.md, « Dossiers ») into the exports folder: one workbook per operator with
 * flagged journeys (journeys, evidence, decisions) for its counter-checks, and the summary of flags by check ×
 * operator × month. Each file appears only when complete.
 */
export function exportCases(params: ExportCasesParams, context: TaskContext): Promise<ExportCasesSummary> {
  return withStoreConnection(params.storeAddress, async (db) => {
    context.progress('read', 0, 0);
    await makePrivateDir(params.outDir);
    const links = await readCaseFlagLinks(db, params);
    const records = await decisionsByIds(db, [...new Set(links.flatMap((link) => (link.decisionId === null ? [] : [link.decisionId])))]);
    const decisions = new Map<number, CaseDecisionInfo>(
      [...records].map(([id, record]) => [id, { decision: record.decision, comment: record.comment, author: record.actor, decidedAt: record.decidedAt }]),
    );
    const geo = createGeoResolver(withAom(loadDecoupageReference(), new Map()));
    const name = (code: string): string | null => geo.name('com', code) ?? geo.name('country', code);
    const byOperator = new Map<string, CaseFlagLink[]>();
    for (const link of links) {
      const list = byOperator.get(link.operatorName);
      if (list) list.push(link);
      else byOperator.set(link.operatorName, [link]);
    }
    const scope = params.period ? `${params.period.from}_${params.period.to}` : 'tout';
    const names = caseFileNames([...byOperator.keys()], scope);
    const files: string[] = [];
    let done = 0;
    context.progress('write', 0, byOperator.size + 1);
    for (const [operatorName, operatorLinks] of byOperator) {
      context.signal.throwIfAborted();
      const file = join(params.outDir, names[done] as string);
      await writeOperatorCaseFile(file, { operatorName, generatedAt: params.generatedAt, period: params.period, journeys: caseJourneys(operatorLinks, decisions, name) }, context.signal);
      files.push(file);
      context.progress('write', (done += 1), byOperator.size + 1);
    }
    const summaryFile = join(params.outDir, names[done] as string);
    await writeCaseSummaryWorkbook(summaryFile, { generatedAt: params.generatedAt, period: params.period, rows: summaryRows(links, decisions) }, context.signal);
    files.push(summaryFile);
    context.progress('write', byOperator.size + 1, byOperator.size + 1);
    return { files, operators: byOperator.size, journeys: new Set(links.map((link) => link.tripId)).size, flags: new Set(links.map((link) => link.flagId)).size };
  });
}
