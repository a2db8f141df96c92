import { createHash } from 'node:crypto';
import { canonicalJson, type AttestationContent } from '../domain/attestations/attestation-content';

/**
 * The verification code of an attestation: SHA-256 (64 lower-case hex digits) of its content's canonical JSON
 * (docs/attestations.md, « Code de vérification »). Anyone holding the register entry can recompute it; the
 * audit log keeps the code issued, so an entry altered afterwards shows.
 */
export function attestationCode(content: AttestationContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
