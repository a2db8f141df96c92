import { generateDemoTrips } from '../../domain/demo/generate-demo-trips';
import type { TripRow } from '../../domain/trips/trip-row';
import type { TaskContext } from './task-context';

export interface DemoGenerateParams {
  seed: number;
  journeys: number;
  firstDay: string;
  days: number;
  operatorIds: Record<string, number>;
}

const BATCH_ROWS = 5_000;

/** Generates the demo journeys and hands them to the runner in batches. */
export async function demoGenerate(params: DemoGenerateParams, context: TaskContext): Promise<Record<string, unknown>> {
  let batch: TripRow[] = [];
  let generated = 0;
  for (const row of generateDemoTrips(params)) {
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
  return { generated };
}
