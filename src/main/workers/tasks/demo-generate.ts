import { injectPatterns } from '../../domain/checks';
import { generateDemoTrips } from '../../domain/demo/generate-demo-trips';
import type { TripRow } from '../../domain/trips/trip-row';
import type { TaskContext } from './task-context';

export interface DemoGenerateParams {
  seed: number;
  journeys: number;
  /** Instances of each suspicious pattern to inject after the journeys (0: none). */
  patterns: number;
  firstDay: string;
  days: number;
  operatorIds: Record<string, number>;
}

const BATCH_ROWS = 5_000;

/** Generated journeys the injected patterns copy their geography from (enough variety, bounded memory). */
const TEMPLATE_ROWS = 20_000;

/**
 * Generates the demo journeys and hands them to the runner in batches, then the labelled suspicious patterns
 * (docs/checks.md, « Mesure »), whose labels go back in the summary.
 */
export async function demoGenerate(params: DemoGenerateParams, context: TaskContext): Promise<Record<string, unknown>> {
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
      await context.sendBatch(batch);
      batch = [];
      context.progress('generate', generated, params.journeys);
    }
  }
  await context.sendBatch(batch);
  context.progress('generate', generated, params.journeys);
  if (params.patterns === 0 || templates.length === 0) return { generated, labels: {} };
  const injected = injectPatterns(templates, { seed: params.seed, perPattern: params.patterns });
  const added = injected.trips.slice(templates.length);
  await context.sendBatch(added);
  return { generated: generated + added.length, labels: injected.labels };
}
