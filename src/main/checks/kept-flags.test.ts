import { describe, expect, it } from 'vitest';
import type { CheckFlag } from '../domain/checks';
import { KeptFlags } from './kept-flags';

const flag = (checkId: string, journeyKeys: string[]): CheckFlag => ({ checkId, severity: 'warning', journeyKeys, persons: [], evidence: {} });

describe('KeptFlags', () => {
  it('keeps what each part accepts, a flag found by two months once, whatever the order of its journeys', () => {
    const kept = new KeptFlags(true);
    const crossing = flag('G02@1', ['b', 'a']);
    expect(kept.add([flag('H02@1', ['a']), crossing, flag('T01@1', ['z'])], (f) => f.checkId !== 'T01@1')).toHaveLength(2);
    expect(kept.add([flag('G02@1', ['a', 'b']), flag('G02@1', ['a', 'c']), flag('G08@1', [])], () => true)).toEqual([flag('G02@1', ['a', 'c']), flag('G08@1', [])]);
    expect(kept.flags.map((f) => `${f.checkId} ${f.journeyKeys.join(' ')}`)).toEqual(['H02@1 a', 'G02@1 b a', 'G02@1 a c', 'G08@1 ']);
  });

  it('keeps a scan read at once as found, repeats included', () => {
    const kept = new KeptFlags(false);
    kept.add([flag('H01@1', ['a']), flag('H01@1', ['a'])], () => true);
    expect(kept.flags).toHaveLength(2);
  });

  it('holds the million flags of a 10 M-journey scan', () => {
    // The 10 M benchmark once stopped here: a part's flags appended by spreading them as call arguments overflowed the stack.
    const kept = new KeptFlags(true);
    const found = Array.from({ length: 600_000 }, (_, i) => flag('T09@1', [`j${i}`]));
    expect(kept.add(found, () => true)).toHaveLength(600_000);
    expect(kept.add(found.slice(300_000).concat([flag('T09@1', ['new'])]), () => true)).toHaveLength(1);
    expect(kept.flags).toHaveLength(600_001);
  });
});
