import type { AttestationTally } from '../../shared/types/attestations';
import { CASE_FORMATS, cellText, parisInstant, periodText, SummarySheet, TableSheet, type CaseCell, type CaseColumn } from './case-file-workbook';
import { writeThroughPartial } from './partial-file';
import { XlsxFileWriter } from './xlsx-file-writer';

const { euros: EUROS, integer: INTEGER, decimal: DECIMAL } = CASE_FORMATS;

/** One attestation as the workbooks list it. */
export interface AttestationLine {
  /** Register number, or null before the batch's attestations are entered (the batch workbook). */
  number: number | null;
  issuedAt: string;
  person: string;
  from: string;
  to: string;
  shortCode: string;
  code: string;
  totals: AttestationTally;
  /** File name (batch) or path (register). */
  file: string | null;
  /** Who issued it (the register), or null (the batch workbook: the batch's user). */
  actor: string | null;
}

/** A person a batch issued nothing for. */
export interface SkippedPerson {
  /** Line of the CSV, or null for a simulation's driver. */
  line: number | null;
  person: string;
  reason: string;
}

const FIGURE_COLUMNS: CaseColumn[] = [
  { header: 'Trajets conducteur', width: 12, numFmt: INTEGER },
  { header: 'Trajets passager', width: 12, numFmt: INTEGER },
  { header: 'Jours de covoiturage', width: 12, numFmt: INTEGER },
  { header: 'Distance (km)', width: 12, numFmt: DECIMAL },
  { header: 'Payé (€)', width: 12, numFmt: EUROS },
  { header: 'Reçu (€)', width: 12, numFmt: EUROS },
  { header: 'Incitations (€)', width: 13, numFmt: EUROS },
];

function figureCells(totals: AttestationTally): CaseCell[] {
  return [
    totals.journeysAsDriver,
    totals.journeysAsPassenger,
    totals.days,
    totals.distanceM / 1000,
    totals.amountPaidCents / 100,
    totals.amountReceivedCents / 100,
    totals.incentivesCents / 100,
  ];
}

/** Sums of the figure columns (1-based from `first`), for a totals row. */
function figureSums(lines: readonly AttestationLine[], first: number): Array<{ column: number; result: number }> {
  const sum = (pick: (totals: AttestationTally) => number): number => lines.reduce((total, line) => total + pick(line.totals), 0);
  return [
    sum((t) => t.journeysAsDriver),
    sum((t) => t.journeysAsPassenger),
    sum((t) => t.days),
    sum((t) => t.distanceM) / 1000,
    sum((t) => t.amountPaidCents) / 100,
    sum((t) => t.amountReceivedCents) / 100,
    sum((t) => t.incentivesCents) / 100,
  ].map((result, index) => ({ column: first + index, result }));
}

/** The table of attestations (one row each), with totals. */
async function writeLines(writer: XlsxFileWriter, lines: readonly AttestationLine[], withRegister: boolean): Promise<void> {
  const columns: CaseColumn[] = [
    ...(withRegister ? [{ header: 'N°', width: 7, numFmt: INTEGER }, { header: 'Émise le (heure de Paris)', width: 18 }, { header: 'Émise par', width: 16 }] : []),
    { header: 'Personne', width: 48 },
    { header: 'Du', width: 11 },
    { header: 'Au', width: 11 },
    { header: 'Code (imprimé)', width: 21 },
    ...FIGURE_COLUMNS,
    { header: withRegister ? 'Fichier' : 'Fichier PDF', width: 44 },
    { header: 'Code complet (SHA-256)', width: 68 },
  ];
  const table = new TableSheet(writer.workbook, 'Attestations', columns, withRegister ? 4 : 1);
  for (const line of lines) {
    writer.throwIfStopped();
    table.add([
      ...(withRegister ? [line.number, parisInstant(line.issuedAt), cellText(line.actor)] : []),
      cellText(line.person), line.from, line.to, line.shortCode, ...figureCells(line.totals), cellText(line.file), line.code,
    ]);
    await writer.paced(table.sheet);
  }
  if (lines.length > 0) table.totals('Total', figureSums(lines, (withRegister ? 3 : 0) + 5));
  table.close();
}

/** What the batch summary workbook says besides its lines. */
export interface BatchWorkbookInput {
  /** Who the batch was for, in words (« liste personnes.csv », « conducteurs incités par la simulation … »). */
  source: string;
  period: { from: string; to: string };
  issuer: { name: string; siret: string };
  issuedAt: string;
  lines: readonly AttestationLine[];
  skipped: readonly SkippedPerson[];
}

/**
 * The summary workbook of an attestation batch: « Synthèse » (source, period, issuer, counts, definitions),
 * « Attestations » (one row per PDF: person, code, figures, file; totals) and « Sans attestation » (persons left
 * out, with the reason). Text from lists and extracts is neutralised against formula injection.
 */
export async function writeBatchWorkbook(file: string, input: BatchWorkbookInput, signal?: AbortSignal): Promise<void> {
  await writeThroughPartial(file, async (partial) => {
    const writer = new XlsxFileWriter(partial, signal);
    try {
      const summary = new SummarySheet(writer.workbook, 'Synthèse', [36, 24, 70]);
      summary.title('Lot d’attestations de covoiturage');
      summary.blank();
      summary.field('Personnes', cellText(input.source));
      summary.field('Période', periodText(input.period, ''));
      summary.field('Émetteur', cellText(`${input.issuer.name} (SIRET ${input.issuer.siret})`));
      summary.field('Émises le', `${parisInstant(input.issuedAt)} (heure de Paris) avec Atelier Covoiturage`);
      summary.field('Attestations émises', input.lines.length, INTEGER);
      summary.field('Personnes sans attestation', input.skipped.length, INTEGER);
      summary.heading('Définitions');
      summary.paragraph(
        'Trajets validés par le registre (statut « ok »), fraude confirmée par un instructeur exclue ; jours et mois en heure de Paris ; distance : somme des distances des trajets ; payé : contribution comme passager ; reçu : revenu comme conducteur ; incitations : celles du registre sur les trajets comme conducteur. Chaque PDF porte un code de vérification (empreinte SHA-256 de son contenu) inscrit au registre des attestations de la base.',
      );
      summary.close();
      await writeLines(writer, input.lines, false);
      const skipped = new TableSheet(writer.workbook, 'Sans attestation', [{ header: 'Ligne', width: 8, numFmt: INTEGER }, { header: 'Personne', width: 60 }, { header: 'Motif', width: 60 }], 1);
      for (const person of input.skipped) skipped.add([person.line, cellText(person.person), cellText(person.reason)]);
      skipped.close();
      await writer.finish();
    } catch (error) {
      await writer.discard();
      throw error;
    }
  });
}

/** The register (or its filtered part) as a workbook: « Synthèse » with the filters, « Attestations » one row each. */
export async function writeRegisterWorkbook(file: string, input: { filters: string; generatedAt: string; lines: readonly AttestationLine[] }): Promise<void> {
  await writeThroughPartial(file, async (partial) => {
    const writer = new XlsxFileWriter(partial);
    try {
      const summary = new SummarySheet(writer.workbook, 'Synthèse', [30, 24, 70]);
      summary.title('Registre des attestations de covoiturage émises');
      summary.blank();
      summary.field('Filtres', cellText(input.filters));
      summary.field('Produit le', `${parisInstant(input.generatedAt)} (heure de Paris) par Atelier Covoiturage`);
      summary.field('Attestations', input.lines.length, INTEGER);
      summary.close();
      await writeLines(writer, input.lines, true);
      await writer.finish();
    } catch (error) {
      await writer.discard();
      throw error;
    }
  });
}
