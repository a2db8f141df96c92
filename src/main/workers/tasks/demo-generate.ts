import { injectPatterns, interleavePatterns } from '../../domain/checks';
import { demoJourneyId, generateDemoTrips } from '../../domain/demo/generate-demo-trips';
import { TRIP_COLUMNS, type TripRow } from '../../domain/trips/trip-row';
import { encodeTrips } from '../../db/trip-insert';
import { UserIdPseudonymiser } from '../../extracts/pseudonymise';
import type { TaskContext } from './task-context';

/** What `demo.generate` is started with: the seed, the journeys, the patterns, the period and the operator ids. */
export interface DemoGenerateParams {
  seed: number;
  journeys: number;
  /** Instances of each suspicious pattern to inject after the journeys (0: none). */
  patterns: number;
  firstDay: string;
  days: number;
  operatorIds: Record<string, number>;
  /** Key of the user-id pseudonyms (hex), as imports use it (null: user ids kept in clear): demo journeys are stored as imported ones are. */
  pseudonymKey: string | null;
}

/** The demo journeys generated (injected ones included) and the labels of the injected patterns. */
export type DemoGenerateSummary = {
  generated: number;
  /** Natural key of each injected journey → ids of the checks expected to flag it. */
  labels: Record<string, string[]>;
};

/** Journeys per batch: the main thread writes each in one transaction. */
const BATCH_ROWS = 5_000;

/** Generated journeys the injected patterns copy their geography from (enough variety, bounded memory). */
const TEMPLATE_ROWS = 20_000;

/**
 * Generates the demo journeys and hands them to the runner in batches, the labelled suspicious patterns
 * (docs/checks.md, « Mesure ») among them, whose labels go back in the summary. The patterns copy journeys of a
 * first pass of the (seeded, hence repeatable) generator; the second pass slips them in by their start and numbers
 * every journey in that order, so that nothing but the labels tells them apart (`interleavePatterns`). Journeys are
 * encoded here (`encodeTrips`: one JSON text each), so that the main thread, which writes them, neither copies nor
 * converts one value per column.
 */
export async function demoGenerate(params: DemoGenerateParams, context: TaskContext<string>): Promise<DemoGenerateSummary> {
  const pseudonymiser = UserIdPseudonymiser.fromHex(params.pseudonymKey);
  const send = (rows: readonly TripRow[]): Promise<void> => {
    if (pseudonymiser) for (const row of rows) pseudonymiser.apply(row);
    return context.sendBatch(encodeTrips(rows, TRIP_COLUMNS));
  };
  const injected = params.patterns > 0 ? patternsOf(params) : null;
  const stream = injected ? interleavePatterns(generateDemoTrips(params), injected, params.seed) : { trips: generateDemoTrips(params), labels: {} };
  const total = params.journeys + (injected?.added.length ?? 0);
  let batch: TripRow[] = [];
  let generated = 0;
  // Before the first batch, so that the load counts towards the journeys asked for plus the injected ones.
  context.progress('generate', 0, total);
  for (const row of stream.trips) {
    batch.push(row);
    generated += 1;
    if (batch.length === BATCH_ROWS) {
      await send(batch);
      batch = [];
      context.progress('generate', generated, total);
    }
  }
  await send(batch);
  context.progress('generate', generated, total);
  return { generated, labels: stream.labels };
}

/**
 * The journeys the patterns add and their labels (by provisional keys), copied from every n-th generated journey so
 * that they spread over the whole demo period; null when the demo is too small to copy from.
 */
function patternsOf(params: DemoGenerateParams): { added: TripRow[]; labels: Record<string, string[]> } | null {
  const templates: TripRow[] = [];
  const every = Math.max(1, Math.floor(params.journeys / TEMPLATE_ROWS));
  let index = 0;
  for (const row of generateDemoTrips(params)) if (index++ % every === 0) templates.push(row);
  if (templates.length === 0) return null;
  const injected = injectPatterns(templates, { seed: params.seed, perPattern: params.patterns, firstJourneyId: demoJourneyId(params.seed, params.journeys + 1) });
  return { added: injected.trips.slice(templates.length), labels: injected.labels };
}
