import { injectPatterns } from '../../domain/checks';
import { generateDemoTrips } from '../../domain/demo/generate-demo-trips';
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
 * Generates the demo journeys and hands them to the runner in batches, then the labelled suspicious patterns
 * (docs/checks.md, « Mesure »), whose labels go back in the summary. Journeys are encoded here (`encodeTrips`: one
 * JSON text each), so that the main thread, which writes them, neither copies nor converts one value per column.
 */
export async function demoGenerate(params: DemoGenerateParams, context: TaskContext<string>): Promise<DemoGenerateSummary> {
  const pseudonymiser = UserIdPseudonymiser.fromHex(params.pseudonymKey);
  const send = (rows: readonly TripRow[]): Promise<void> => {
    if (pseudonymiser) for (const row of rows) pseudonymiser.apply(row);
    return context.sendBatch(encodeTrips(rows, TRIP_COLUMNS));
  };
  let batch: TripRow[] = [];
  let generated = 0;
  const templates: TripRow[] = [];
  // Every n-th journey, so that the patterns spread over the whole demo period.
  const every = Math.max(1, Math.floor(params.journeys / TEMPLATE_ROWS));
  for (const row of generateDemoTrips(params)) {
    if (params.patterns > 0 && generated % every === 0) templates.push(row);
    batch.push(row);
    generated += 1;
    if (batch.length === BATCH_ROWS) {
      await send(batch);
      batch = [];
      context.progress('generate', generated, params.journeys);
    }
  }
  await send(batch);
  context.progress('generate', generated, params.journeys);
  if (params.patterns === 0 || templates.length === 0) return { generated, labels: {} };
  const injected = injectPatterns(templates, { seed: params.seed, perPattern: params.patterns });
  const added = injected.trips.slice(templates.length);
  await send(added);
  return { generated: generated + added.length, labels: injected.labels };
}
