import { parentPort, workerData } from 'node:worker_threads';
import { MAX_BATCHES_IN_FLIGHT, type RunnerMessage, type WorkerMessage, type WorkerStart } from './protocol';
import type { ImportParams } from '../extracts/import-extract';
import { aomRead, type AomReadParams } from './tasks/aom-read';
import { campaignExplain, type CampaignExplainParams } from './tasks/campaign-explain';
import { campaignSimulate, type CampaignSimulateParams } from './tasks/campaign-simulate';
import { checksScan, type ChecksScanParams } from './tasks/checks-scan';
import { exportCases, type ExportCasesParams } from './tasks/export-cases';
import { demoGenerate, type DemoGenerateParams } from './tasks/demo-generate';
import { exportApdf, type ExportApdfParams } from './tasks/export-apdf';
import { exportStats, type ExportStatsParams } from './tasks/export-stats';
import { exportTrips, type ExportTripsParams } from './tasks/export-trips';
import { extractImport } from './tasks/extract-import';
import { statsRefresh, type StatsRefreshParams } from './tasks/stats-refresh';
import type { TaskContext } from './tasks/task-context';

/**
 * Entry of a job worker thread: runs one CPU-heavy task (generation, parsing…) off the main thread and posts
 * row batches; the main thread stays the single writer of the store.
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('job-worker doit être lancé comme worker_thread');
  const start = workerData as WorkerStart;
  const post = (message: WorkerMessage): void => port.postMessage(message);

  let inFlight = 0;
  let release: (() => void) | null = null;
  const cancel = new AbortController();
  port.on('message', (message: RunnerMessage) => {
    if (message.type === 'ack') {
      inFlight -= 1;
      release?.();
      release = null;
    } else if (message.type === 'cancel') {
      cancel.abort();
      // A task waiting for an ack would never see the cancel otherwise.
      release?.();
      release = null;
    }
  });

  const context: TaskContext = {
    signal: cancel.signal,
    progress: (step, current, total) => post({ type: 'progress', step, current, total }),
    async sendBatch(rows) {
      if (rows.length === 0) return;
      while (inFlight >= MAX_BATCHES_IN_FLIGHT && !cancel.signal.aborted) await new Promise<void>((resolve) => (release = resolve));
      if (cancel.signal.aborted) throw new Error('annulé');
      inFlight += 1;
      post({ type: 'batch', rows });
    },
  };

  try {
    let summary: Record<string, unknown>;
    switch (start.task) {
      case 'demo.generate':
        summary = await demoGenerate(start.params as unknown as DemoGenerateParams, context);
        break;
      case 'extract.import':
        summary = await extractImport(start.params as unknown as ImportParams, context);
        break;
      case 'stats.refresh':
        summary = await statsRefresh(start.params as unknown as StatsRefreshParams, context);
        break;
      case 'export.stats':
        summary = await exportStats(start.params as unknown as ExportStatsParams, context);
        break;
      case 'export.trips':
        summary = await exportTrips(start.params as unknown as ExportTripsParams, context);
        break;
      case 'export.apdf':
        summary = await exportApdf(start.params as unknown as ExportApdfParams, context);
        break;
      case 'campaign.simulate':
        summary = await campaignSimulate(start.params as unknown as CampaignSimulateParams, context);
        break;
      case 'campaign.explain':
        summary = await campaignExplain(start.params as unknown as CampaignExplainParams, context);
        break;
      case 'checks.scan':
        summary = await checksScan(start.params as unknown as ChecksScanParams, context);
        break;
      case 'export.cases':
        summary = await exportCases(start.params as unknown as ExportCasesParams, context);
        break;
      case 'aom.read':
        summary = await aomRead(start.params as unknown as AomReadParams, context);
        break;
      default:
        throw new Error(`Tâche inconnue : ${String(start.task)}`);
    }
    while (inFlight > 0 && !cancel.signal.aborted) await new Promise<void>((resolve) => (release = resolve));
    post({ type: 'done', summary });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  port.close();
}

void main();
