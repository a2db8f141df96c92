import { parentPort, workerData } from 'node:worker_threads';
import { MAX_BATCHES_IN_FLIGHT, type RunnerMessage, type WorkerMessage, type WorkerStart } from './protocol';
import { demoGenerate, type DemoGenerateParams } from './tasks/demo-generate';
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
  port.on('message', (message: RunnerMessage) => {
    if (message.type === 'ack') {
      inFlight -= 1;
      release?.();
      release = null;
    }
  });

  const context: TaskContext = {
    progress: (step, current, total) => post({ type: 'progress', step, current, total }),
    async sendBatch(rows) {
      if (rows.length === 0) return;
      while (inFlight >= MAX_BATCHES_IN_FLIGHT) await new Promise<void>((resolve) => (release = resolve));
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
      default:
        throw new Error(`Tâche inconnue : ${String(start.task)}`);
    }
    while (inFlight > 0) await new Promise<void>((resolve) => (release = resolve));
    post({ type: 'done', summary });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  port.close();
}

void main();
