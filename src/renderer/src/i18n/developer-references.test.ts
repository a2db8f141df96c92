import { describe, expect, it } from 'vitest';
import { fr } from './fr';

/** Every message of a tree, with its dotted path. */
function messages(tree: unknown, path = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[path, tree]];
  if (tree === null || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([key, value]) => messages(value, path ? `${path}.${key}` : key));
}

describe('French messages', () => {
  it('name no developer document, and no command outside the help page and the access message', () => {
    const all = messages(fr);
    expect(all.length).toBeGreaterThan(500);
    expect(all.filter(([, text]) => /docs\/|\.md\b|\bsrc\//.test(text))).toEqual([]);
    // The help page says what the `atelier` command does (its commands are code, in the component); the access message
    // says which address `npm start` printed. Nowhere else: pages link to the help instead.
    const allowed = (path: string): boolean => path.startsWith('help.commandLine.') || path.startsWith('access.');
    expect(all.filter(([path, text]) => !allowed(path) && /\batelier [a-z]|\bnpm (start|run)\b|--[a-z]/.test(text))).toEqual([]);
  });
});
