import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/ipc/result';
import { AttestationPeriod, type AttestationRecord, type AttestationTally, type AttestationVerification } from '../../../shared/types/attestations';
import { settingSchemas } from '../../../shared/types/settings';
import { formatCents, formatDecimal, formatInteger } from '../../../shared/util/format';
import { parsePersonKey } from '../../domain/attestations/attestation-person';
import type { AppServices } from '../../services/app-services';
import { CliError, EXIT_OK, EXIT_USER_ERROR } from '../cli-error';
import type { CliContext } from '../cli-services';
import { openStore } from '../cli-services';
import { withJobSession } from '../job-session';
import { integerOption } from './demo';

/** The figures as the `--json` outputs print them (docs/attestations.md): snake case, km, cents. */
function tallyJson(tally: AttestationTally): Record<string, number> {
  return {
    journeys_as_driver: tally.journeysAsDriver,
    journeys_as_passenger: tally.journeysAsPassenger,
    days: tally.days,
    distance_km: tally.distanceM / 1000,
    amount_paid_cents: tally.amountPaidCents,
    amount_received_cents: tally.amountReceivedCents,
    incentives_cents: tally.incentivesCents,
  };
}

/** The period of `--from`/`--to`, or a usage error naming the option. */
function periodOption(options: { from?: string | undefined; to?: string | undefined }): { from: string; to: string } {
  if (options.from === undefined || options.to === undefined) throw new CliError('--from AAAA-MM-JJ et --to AAAA-MM-JJ sont obligatoires');
  const parsed = AttestationPeriod.safeParse({ from: options.from, to: options.to });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`--${String(issue?.path[0] ?? 'from')} : ${issue?.message ?? 'valeur invalide'}`);
  }
  return parsed.data;
}

/** Runs service work, a `UserError` (unknown person, missing issuer…) becoming a usage error (exit 1). */
async function asUser<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserError) throw new CliError(error.message);
    throw error;
  }
}

/** Opens the store given by `--db` (which must exist), runs `work`, closes it. */
async function withStore<T>(context: CliContext, db: string | undefined, work: (services: AppServices) => Promise<T>): Promise<T> {
  const services = await openStore(context, db, true);
  try {
    return await asUser(() => work(services));
  } finally {
    await services.close();
  }
}

/** One line per total, in French. */
function totalsText(tally: AttestationTally): string {
  return (
    `${formatInteger(tally.journeysAsDriver)} trajet(s) conducteur, ${formatInteger(tally.journeysAsPassenger)} passager, ${formatInteger(tally.days)} jour(s), ` +
    `${formatDecimal(tally.distanceM / 1000)} km, payé ${formatCents(tally.amountPaidCents)}, reçu ${formatCents(tally.amountReceivedCents)}, incitations ${formatCents(tally.incentivesCents)}`
  );
}

/**
 * `atelier attestation create --db FILE --person KEY --from D --to D --out FILE.pdf [--json]`: issues one attestation
 * (KEY: identity key, or `u:<operator id or name>:<user id>`); `--json` prints `{person, from, to, code, totals,
 * months}` (days and months in Europe/Paris, distance in km, money in cents).
 */
async function createCommand(context: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, person: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.person) throw new CliError('--person CLÉ est obligatoire (clé d’identité, ou u:OPÉRATEUR:IDENTIFIANT)');
  const person = parsePersonKey(values.person);
  if (!person) throw new CliError(`--person « ${values.person} » : attendu une clé d’identité ou u:OPÉRATEUR:IDENTIFIANT`);
  const period = periodOption(values);
  if (!values.out || !values.out.toLowerCase().endsWith('.pdf')) throw new CliError('--out FICHIER.pdf est obligatoire');
  const out = values.out;
  const { attestation, file } = await withStore(context, values.db, (services) => services.attestations.create({ person, ...period }, out));
  if (values.json) {
    context.stdout(
      JSON.stringify(
        {
          person: values.person,
          from: period.from,
          to: period.to,
          code: attestation.code,
          totals: tallyJson(attestation.figures.totals),
          months: attestation.figures.months.map((month) => ({ month: month.month, ...tallyJson(month) })),
        },
        null,
        2,
      ),
    );
  } else {
    context.stdout(`${file} : attestation n° ${attestation.number}, code ${attestation.shortCode}`);
    context.stdout(`  ${attestation.personText}, du ${period.from} au ${period.to} : ${totalsText(attestation.figures.totals)}`);
    const declared = attestation.figures.declared?.totals;
    if (declared && declared.journeysAsDriver + declared.journeysAsPassenger > 0) {
      context.stdout(
        `  Trajets déclarés (hors registre, à part) : ${formatInteger(declared.journeysAsDriver)} conducteur, ${formatInteger(declared.journeysAsPassenger)} passager, ` +
        `${formatInteger(declared.days)} jour(s), ${formatDecimal(declared.distanceM / 1000)} km`,
      );
    }
  }
  return EXIT_OK;
}

/** A register entry as `verify --json` prints it. */
function recordJson(record: AttestationRecord): Record<string, unknown> {
  return {
    number: record.number,
    id: record.id,
    person: record.person,
    from: record.from,
    to: record.to,
    issued_at: record.issuedAt,
    issued_by: record.actor,
    issuer: record.issuer,
    code: record.code,
    totals: tallyJson(record.figures.totals),
  };
}

/**
 * `atelier attestation verify FILE.pdf --db FILE [--json]` (or `--code CODE` instead of the file): checks an
 * attestation against the store's register. Exit 0 when authentic and unchanged, 1 otherwise.
 */
async function verifyCommand(context: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, code: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [file, ...extra] = positionals;
  if (extra.length > 0 || (file === undefined) === (values.code === undefined)) throw new CliError('indiquez le fichier PDF à vérifier (ou --code CODE)');
  const code = values.code;
  const result: AttestationVerification = await withStore(context, values.db, (services) =>
    file !== undefined ? services.attestations.verifyFile(file) : services.attestations.verifyCode(code ?? ''),
  );
  if (values.json) {
    context.stdout(JSON.stringify({ authentic: result.authentic, problem: result.problem, message: result.message, code: result.code, attestation: result.attestation ? recordJson(result.attestation) : null }, null, 2));
  } else {
    context.stdout(`${result.authentic ? 'AUTHENTIQUE' : 'NON AUTHENTIQUE'} : ${result.message}`);
    if (result.attestation) context.stdout(`  Au registre : ${totalsText(result.attestation.figures.totals)}`);
  }
  return result.authentic ? EXIT_OK : EXIT_USER_ERROR;
}

/**
 * `atelier attestation batch --db FILE (--persons FILE.csv | --campaign-simulation N) --from D --to D --out DIR
 * [--json]`: one attestation per person of the list (or per driver the saved simulation paid on the period), as a
 * job with progress on stderr (Ctrl-C cancels it, nothing is kept), PDFs and summary workbook into DIR.
 */
async function batchCommand(context: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' }, persons: { type: 'string' }, 'campaign-simulation': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
      out: { type: 'string' }, json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const simulationId = integerOption('campaign-simulation', values['campaign-simulation'], 1, 2 ** 31 - 1);
  if ((values.persons === undefined) === (simulationId === undefined)) throw new CliError('indiquez --persons FICHIER.csv ou --campaign-simulation N');
  const period = periodOption(values);
  if (!values.out) throw new CliError('--out DOSSIER est obligatoire');
  const out = values.out;
  const source = values.persons !== undefined ? ({ kind: 'csv', path: values.persons } as const) : ({ kind: 'simulation', simulationId: simulationId as number } as const);
  return withJobSession(context, values.db, true, async (services, cancelOnInterrupt) => {
    const { jobId } = await asUser(() => services.attestations.batch({ source, ...period }, out));
    const done = await services.runner.wait(cancelOnInterrupt(jobId));
    if (context.interactive) context.stderr('\n');
    if (!done || done.status !== 'done') {
      throw new CliError(done?.status === 'cancelled' ? 'Lot annulé : aucune attestation n’a été inscrite au registre.' : (done?.error ?? 'Lot en échec.'));
    }
    const { summary } = done;
    if (values.json) context.stdout(JSON.stringify(summary, null, 2));
    else {
      context.stdout(`${formatInteger(summary.issued)} attestation(s) dans ${summary.folder} (${formatDecimal(summary.seconds)} s) ; synthèse : ${summary.workbook}`);
      if (summary.skipped > 0) context.stdout(`${formatInteger(summary.skipped)} personne(s) sans attestation : voir l’onglet « Sans attestation » de la synthèse.`);
    }
    return EXIT_OK;
  });
}

/**
 * `atelier attestation issuer [--name NAME --siret SIRET] --db FILE [--json]`: shows the issuer printed on
 * attestations, or sets it (settings, recorded in the audit log).
 */
async function issuerCommand(context: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, name: { type: 'string' }, siret: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  if ((values.name === undefined) !== (values.siret === undefined)) throw new CliError('indiquez --name et --siret ensemble');
  const settings = await withStore(context, values.db, async (services) => {
    if (values.name !== undefined && values.siret !== undefined) {
      const name = settingSchemas['attestations.issuerName'].safeParse(values.name);
      const siret = settingSchemas['attestations.issuerSiret'].safeParse(values.siret);
      if (!name.success) throw new CliError(`--name : ${name.error.issues[0]?.message ?? 'invalide'} (2 à 120 caractères)`);
      if (!siret.success) throw new CliError(`--siret : ${siret.error.issues[0]?.message ?? 'invalide'}`);
      await services.settings.set('attestations.issuerName', name.data);
      await services.settings.set('attestations.issuerSiret', siret.data);
    }
    return services.settings.list();
  });
  const issuer = { name: settings['attestations.issuerName'], siret: settings['attestations.issuerSiret'] };
  if (values.json) context.stdout(JSON.stringify(issuer, null, 2));
  else context.stdout(issuer.name === null || issuer.siret === null ? 'Émetteur non renseigné.' : `Émetteur : ${issuer.name} (SIRET ${issuer.siret})`);
  return EXIT_OK;
}

/**
 * `atelier attestation ACTION …`: attestations de covoiturage from the command line (docs/attestations.md). Answers
 * the exit code (verify: 1 when not authentic).
 */
export async function attestationCommand(context: CliContext, args: readonly string[]): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'create':
      return createCommand(context, rest);
    case 'verify':
      return verifyCommand(context, rest);
    case 'batch':
      return batchCommand(context, rest);
    case 'issuer':
      return issuerCommand(context, rest);
    default:
      throw new CliError(`Action inconnue : attestation ${action ?? ''} (attendu : create, verify, batch ou issuer)`);
  }
}
