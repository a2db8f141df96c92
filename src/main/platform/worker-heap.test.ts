import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { workerHeapLimitMb, workerOutOfMemory } from './worker-heap';

const GIB = 2 ** 30;

describe('workerHeapLimitMb', () => {
  it('gives a worker 70 % of the machine, never less than V8’s default', () => {
    expect(workerHeapLimitMb(24 * GIB, 4 * GIB)).toBe(Math.floor(24 * 1024 * 0.7));
    expect(workerHeapLimitMb(4 * GIB, 2 * GIB)).toBe(Math.floor(4 * 1024 * 0.7));
    expect(workerHeapLimitMb(2 * GIB, 4 * GIB)).toBe(4 * 1024);
  });
});

describe('workerOutOfMemory', () => {
  it('says in French that a worker reached its heap ceiling, and nothing of other errors', async () => {
    // A real worker that keeps allocating under a 16 MiB ceiling: Node stops it with ERR_WORKER_OUT_OF_MEMORY.
    const worker = new Worker('const kept = []; for (;;) kept.push(new Array(1000).fill(Math.random()));', {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: 16 },
    });
    const error = await new Promise<Error>((resolve) => worker.once('error', resolve));
    await worker.terminate();
    expect(workerOutOfMemory(error, 16)).toBe(
      'Mémoire insuffisante : le traitement a dépassé les 16\u00a0Mo permis sur ce poste. Rien n’a été enregistré ; travaillez sur une période plus courte.',
    );
    expect(workerOutOfMemory(new Error('autre'), 16)).toBeNull();
  });
});
