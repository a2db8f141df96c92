import { rename, rm } from 'node:fs/promises';

/**
 * Writes `file` through `<file>.partial`: `write` gets the partial path and must have closed it when it settles.
 * On success the partial file is renamed to `file`, so a file under its final name is always complete; on failure
 * or cancellation it is deleted and the error is rethrown. The exports list hides `.partial` names.
 * A `.partial` left by a crash is deleted first, so the file is always created anew with the writer's rights
 * (`0600`, `OutputFile`) and the final file gets them too, even when it replaces an older one (docs/privacy.md).
 */
export async function writeThroughPartial<T>(file: string, write: (partial: string) => Promise<T>): Promise<T> {
  const partial = `${file}.partial`;
  try {
    await rm(partial, { force: true });
    const result = await write(partial);
    await rename(partial, file);
    return result;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
