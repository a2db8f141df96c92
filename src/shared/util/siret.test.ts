import { describe, expect, it } from 'vitest';
import { isValidSiret } from './siret';

describe('isValidSiret', () => {
  it('accepts SIRET numbers whose Luhn checksum holds, La Poste’s by its own rule, and nothing else', () => {
    // Région Pays de la Loire, DINUM, La Poste's head office (Luhn) and one of its offices (digits summing to a multiple of 5).
    for (const siret of ['23440003400026', '13002526500013', '35600000000048', '35600000049837']) expect(isValidSiret(siret), siret).toBe(true);
    for (const siret of ['23440003400027', '2344000340002', '2344000340002A', '234 400 034 00026', '35600000049838']) expect(isValidSiret(siret), siret).toBe(false);
  });
});
