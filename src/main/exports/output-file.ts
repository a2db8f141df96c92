import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PRIVATE_FILE_MODE } from '../platform/private-files';

/**
 * A file being written by an export, with one stop signal: the caller's cancellation or the first I/O error of
 * the file (disk full…). Every wait (`write`, `waitFor`, `yieldTurn`) ends early with that reason, so a failing
 * disk or a cancel never leaves the export hanging. A file it creates is readable by the user only (`0600`, POSIX).
 */
export class OutputFile {
  readonly stream: WriteStream;
  readonly signal: AbortSignal;
  private readonly failed = new AbortController();

  constructor(path: string, signal?: AbortSignal) {
    // Private to the user (0600 on POSIX) when created: exports hold personal data (docs/privacy.md).
    this.stream = createWriteStream(path, { mode: PRIVATE_FILE_MODE });
    // Without a listener an I/O error would crash the process instead of failing the export.
    this.stream.on('error', (error) => this.failed.abort(error));
    this.signal = signal ? AbortSignal.any([signal, this.failed.signal]) : this.failed.signal;
  }

  /** Throws the cancellation reason or the output error, if any. */
  throwIfStopped(): void {
    this.signal.throwIfAborted();
  }

  /** Writes text (UTF-8), waiting for the disk when the stream's buffer is full. */
  async write(text: string): Promise<void> {
    this.throwIfStopped();
    if (!this.stream.write(text)) await this.waitFor(this.stream, 'drain');
  }

  /** Waits for `event` on `emitter`, or throws the stop reason. */
  async waitFor(emitter: NodeJS.EventEmitter, event: string): Promise<void> {
    try {
      await once(emitter, event, { signal: this.signal });
    } catch (error) {
      // `once` rejects with a generic AbortError: report the actual reason instead.
      this.throwIfStopped();
      throw error;
    }
  }

  /** Lets the event loop run once (I/O callbacks, compression), or throws the stop reason. */
  async yieldTurn(): Promise<void> {
    this.throwIfStopped();
    await nextTurn();
  }

  /** Ends the file with `text` and waits until it is closed. */
  async end(text = ''): Promise<void> {
    this.throwIfStopped();
    this.stream.end(text);
    await this.closed();
    this.throwIfStopped();
  }

  /** Abandons the file after a failure: closes it without flushing (the caller deletes it). */
  async discard(): Promise<void> {
    this.stream.destroy();
    await this.closed();
  }

  /** Resolves once the file descriptor is closed (after `end`, `destroy` or an error). */
  async closed(): Promise<void> {
    if (this.stream.closed) return;
    await new Promise<void>((resolve) => this.stream.once('close', () => resolve()));
  }
}
