import type { ParsedReq, Res } from '@shared/ipc/contract';
import type { AttestationFigures, AttestationRecord } from '@shared/types/attestations';
import type { JobRecord } from '@shared/types/jobs';

/**
 * The attestations side of the fake `Api` (Attestations page tests): a register in memory, figures of two months,
 * codes derived from the register number, and verification verdicts as the main side words them (a path naming
 * « modifiee » plays an edited PDF).
 */

const FIGURES: AttestationFigures = {
  months: [
    { month: '2026-09', journeysAsDriver: 12, journeysAsPassenger: 3, days: 11, distanceM: 312_400, amountPaidCents: 450, amountReceivedCents: 3_600, incentivesCents: 2_400 },
    { month: '2026-10', journeysAsDriver: 9, journeysAsPassenger: 0, days: 9, distanceM: 233_100, amountPaidCents: 0, amountReceivedCents: 2_700, incentivesCents: 1_800 },
  ],
  totals: { journeysAsDriver: 21, journeysAsPassenger: 3, days: 20, distanceM: 545_500, amountPaidCents: 450, amountReceivedCents: 6_300, incentivesCents: 4_200 },
};

/** The handlers of the `attestations:*` channels over one in-memory register. */
export function createFakeAttestations(startJob: (kind: JobRecord['kind'], params?: Record<string, unknown>) => string) {
  const register: AttestationRecord[] = [];

  function issue(req: ParsedReq<'attestations:create'>): AttestationRecord {
    const number = register.length + 1;
    const code = `${String(number).padStart(4, '0')}a1b2c3d4e5f6`.padEnd(64, '0');
    const person = req.person.kind === 'identity' ? req.person.identityKey : `u:${req.person.operatorId}:~pseudonyme${number}`;
    const record: AttestationRecord = {
      id: `00000000-0000-4000-8000-${String(number).padStart(12, '0')}`,
      number,
      issuedAt: '2026-12-07T10:00:00.000Z',
      actor: 'agent',
      person,
      personText: req.person.kind === 'identity' ? `Clé d’identité ${person}` : `Utilisateur ${req.person.userId} de l’opérateur ${req.person.operatorId}`,
      from: req.from,
      to: req.to,
      issuer: { name: 'Région Pays de la Loire', siret: '23440003400026' },
      figures: FIGURES,
      code,
      shortCode: `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12, 16)}`.toUpperCase(),
      file: `/donnees/atelier/exports/attestation-${number}.pdf`,
      batchJobId: null,
    };
    register.unshift(record);
    return record;
  }

  const byCode = (text: string): AttestationRecord | undefined => {
    const code = text.replace(/[\s-]/g, '').toLowerCase();
    return register.find((record) => record.code.startsWith(code));
  };

  return {
    'attestations:create': (req: ParsedReq<'attestations:create'>): Res<'attestations:create'> => {
      const attestation = issue(req);
      return { attestation, file: attestation.file ?? '' };
    },
    'attestations:verify': (req: ParsedReq<'attestations:verify'>): Res<'attestations:verify'> => {
      const found = req.code !== undefined ? byCode(req.code) : register.find((record) => record.file === req.path?.replace('-modifiee', ''));
      if (!found) return { authentic: false, problem: 'unknown_code', message: 'Code inconnu du registre de cette base.', code: null, attestation: null };
      if (req.path?.includes('modifiee')) {
        return { authentic: false, problem: 'content_altered', message: `Le contenu du PDF a été modifié après l’émission : ses pages ne sont pas celles de l’attestation n° ${found.number}.`, code: found.code, attestation: found };
      }
      return { authentic: true, problem: null, message: `Attestation authentique et inchangée : n° ${found.number}.`, code: found.code, attestation: found };
    },
    'attestations:register': ({ offset, limit, ...filter }: ParsedReq<'attestations:register'>): Res<'attestations:register'> => {
      const rows = register.filter((record) => (filter.person === undefined || record.person === filter.person) && (filter.code === undefined || record.code.startsWith(filter.code.replace(/[\s-]/g, '').toLowerCase())));
      return { total: rows.length, rows: rows.slice(offset, offset + limit) };
    },
    'attestations:register-export': (): Res<'attestations:register-export'> => ({ path: '/donnees/atelier/exports/registre-attestations-20261207-110000.xlsx', rows: register.length }),
    'attestations:batch': (req: ParsedReq<'attestations:batch'>): Res<'attestations:batch'> => ({
      jobId: startJob('attestation.batch', { from: req.from, to: req.to }),
      folder: `/donnees/atelier/exports/attestations-${req.from}_${req.to}-20261207-110000`,
    }),
  };
}
