/**
 * Whether a process of this machine still runs: signal 0 tests that it exists without touching it (EPERM: it exists
 * under another user). Jobs and import batches record their process id so that another process can tell a live
 * job from one a crash or a kill left behind.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
