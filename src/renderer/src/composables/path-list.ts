import { contract } from '@shared/ipc/contract';

/** The contract's own rule for the paths of `extracts:import`, so that the form refuses what the main side would. */
const pathsSchema = contract['extracts:import'].req.shape.paths;

/** Why a list of paths would be refused: none given, too many files, or one path too long (with the limit). */
export type PathListProblem = { kind: 'empty' } | { kind: 'tooMany'; max: number } | { kind: 'tooLong'; max: number };

/** The paths of a text typed one per line: lines trimmed, empty lines left out. */
export function parsePathList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Checks paths as `extracts:import` will: null when they are accepted, else the first problem. */
export function checkPathList(paths: readonly string[]): PathListProblem | null {
  const result = pathsSchema.safeParse(paths);
  if (result.success) return null;
  for (const issue of result.error.issues) {
    if (issue.code !== 'too_big') continue;
    const max = Number(issue.maximum);
    return issue.path.length === 0 ? { kind: 'tooMany', max } : { kind: 'tooLong', max };
  }
  return { kind: 'empty' };
}
