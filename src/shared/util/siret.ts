/** SIREN of La Poste, whose establishments' SIRET numbers follow their own check rule. */
const LA_POSTE_SIREN = '356000000';

/**
 * Whether `siret` is a valid SIRET number: 14 digits whose Luhn checksum holds (INSEE's rule), or, for La Poste's
 * establishments (SIREN 356000000), whose digits add up to a multiple of 5. Spaces are not accepted: callers trim.
 */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== '35600000000048') {
    const sum = [...siret].reduce((total, digit) => total + Number(digit), 0);
    return sum % 5 === 0;
  }
  let sum = 0;
  for (let index = 0; index < 14; index += 1) {
    let digit = Number(siret[13 - index]);
    // Luhn: every second digit from the right is doubled, and 9 taken off when the double has two digits.
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
