import { describe, expect, it } from 'vitest';
import { SCAN_BYTES_PER_JOURNEY, scanFits, scanMemoryRefusal } from './scan-memory';

describe('scan memory', () => {
  it('lets a scan run while its journeys fit the heap, and says in French why not beyond', () => {
    const heap = 4 * 2 ** 30;
    const fitting = Math.floor(heap / SCAN_BYTES_PER_JOURNEY);
    expect(scanFits(fitting, heap)).toBe(true);
    expect(scanFits(fitting + 1, heap)).toBe(false);
    expect(scanMemoryRefusal(10_000_000, heap)).toMatch(
      /^Analyse impossible sur ce poste, même mois par mois : les 10\u202f000\u202f000 trajets à lire pour un mois .* ce poste en permet 4\u00a0Go\. Analysez un territoire plus petit\.$/u,
    );
  });
});
