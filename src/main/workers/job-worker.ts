import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { MAX_BATCHES_IN_FLIGHT, type RunnerMessage, type WorkerMessage, type WorkerStart } from './protocol';
import { isWorkerTaskName, runTask, type TaskRow, type WorkerTaskName } from './task-registry';
import type { TaskContext } from './tasks/task-context';

/**
 * Runs the task the runner started this worker for and reports to it: progress, row batches (at most
 * `MAX_BATCHES_IN_FLIGHT` unacknowledged), then the task's summary or its error.
 */
async function serve<Task extends WorkerTaskName>(port: MessagePort, start: WorkerStart<Task>): Promise<void> {
  const post = (message: WorkerMessage<Task>): void => port.postMessage(message);

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

  const context: TaskContext<TaskRow<Task>> = {
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
    if (!isWorkerTaskName(start.task)) throw new Error(`Tâche inconnue : ${String(start.task)}`);
    const summary = await runTask(start.task, start.params, context);
    while (inFlight > 0 && !cancel.signal.aborted) await new Promise<void>((resolve) => (release = resolve));
    post({ type: 'done', summary });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  port.close();
}

/**
 * Entry of a job worker thread: runs one task (generation, file parsing, scans, simulations, exports…) off the main
 * thread. It either hands row batches to the runner, which writes them, or reads and writes the store through its
 * own connection (docs/architecture.md, « Traitements longs »).
 */
function main(): Promise<void> {
  if (!parentPort) throw new Error('job-worker doit être lancé comme worker_thread');
  // Set by the runner from a job definition, whose types tie `params` to `task`.
  return serve(parentPort, workerData as WorkerStart<WorkerTaskName>);
}

void main();
