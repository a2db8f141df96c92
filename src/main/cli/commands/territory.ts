import { parseArgs } from 'node:util';
import type { CampaignDefinition } from '../../../shared/campaigns/definition-types';
import { UserError } from '../../../shared/ipc/result';
import { TerritoryLevel, TerritorySummaryRequest, type TerritoryRef, type TerritorySummary } from '../../../shared/types/territory';
import { formatCents, formatDateTime, formatDay, formatDecimal, formatInteger, formatPercent } from '../../../shared/util/format';
import { campaignOnTerritory } from '../../domain/territory/campaign-on-territory';
import { trend } from '../../domain/territory/compose-summary';
import { LEVEL_LABELS } from '../../exports/territory-report-pdf';
import type { AppServices } from '../../services/app-services';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { withJobSession } from '../job-session';

type CancelOnInterrupt = <Id extends string>(jobId: Id) => Id;

/** `--level`, `--code`, `--from`, `--to` checked as the home page's request (levels com, epci, aom, dep, reg). */
function parseRequest(values: { level?: string | undefined; code?: string | undefined; from?: string | undefined; to?: string | undefined }): TerritorySummaryRequest {
  const parsed = TerritorySummaryRequest.safeParse({ level: values.level, code: values.code, from: values.from, to: values.to });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`--${String(issue?.path[0] ?? 'level')} : ${issue?.message ?? 'valeur invalide'} (niveaux : ${TerritoryLevel.options.join(', ')} ; dates AAAA-MM-JJ)`);
  }
  return parsed.data;
}

/** The service's refusals (empty store, unknown simulation or campaign) as one-line CLI errors. */
function asCliError(error: unknown): unknown {
  return error instanceof UserError ? new CliError(error.message) : error;
}

/** `work`, its refusals turned into CLI errors. */
async function orCliError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw asCliError(error);
  }
}

/**
 * Readies the store for a summary: the statistics aggregates built when they never were (a store filled by an
 * older version), and the territory known to the geography (a mistyped code would print zeros).
 */
async function prepare(services: AppServices, cancelOnInterrupt: CancelOnInterrupt, territory: TerritoryRef): Promise<string> {
  if ((await services.stats.period()) === null) {
    const refresh = await services.stats.refresh();
    if (refresh === null) throw new CliError('La base ne contient aucun trajet : importez des extraits d’abord.');
    const done = await services.runner.wait(cancelOnInterrupt(refresh));
    if (done?.status !== 'done') throw new CliError(`Mise à jour des statistiques non terminée : ${done?.error ?? done?.status ?? 'inconnu'}`);
  }
  const name = (await services.stats.geography()).name(territory.level, territory.code);
  if (name === null) throw new CliError(`Territoire inconnu : ${territory.level} ${territory.code} (codes INSEE des communes, départements et régions ; SIREN des EPCI et AOM)`);
  return name;
}

/** The home figures of a summary as JSON: snake_case, money in cents, distance in km, CO₂ in tonnes, shares 0–1. */
export function summaryJson(summary: TerritorySummary): Record<string, unknown> {
  const f = summary.figures;
  const values = (pick: (figure: { value: number; yearBefore: number | null }) => number | null) => ({
    journeys: pick(f.journeys), carpools: pick(f.carpools), carpoolers: pick(f.carpoolers), distance_km: pick(f.distanceKm),
    incentives_cents: pick(f.incentivesCents), operators: pick(f.operators), co2_tonnes: pick(f.co2Tonnes),
  });
  return {
    territory: summary.territory,
    from: summary.from,
    to: summary.to,
    ...values((figure) => figure.value),
    internal_share: f.internalShare,
    year_before: summary.yearBefore ? { ...summary.yearBefore, ...values((figure) => figure.yearBefore) } : null,
    months: summary.months,
    top_flows: summary.topFlows.map((flow) => ({ origin: flow.origin, origin_name: flow.originName, destination: flow.destination, destination_name: flow.destinationName, journeys: flow.journeys })),
    operator_shares: summary.operators,
    by_hour: summary.byHour,
    by_weekday: summary.byWeekday,
    incentives: summary.incentives,
    waiting: {
      imports_with_rejected_rows: summary.waiting.importsWithRejectedRows, rejected_rows: summary.waiting.rejectedRows,
      flagged_not_reviewed: summary.waiting.flaggedNotReviewed, saved_simulations: summary.waiting.savedSimulations,
    },
    store: { from: summary.store.from, to: summary.store.to, last_sync: summary.store.lastSync },
    elapsed_ms: summary.elapsedMs,
  };
}

/** ` (+12,3 % sur un an)`, or nothing without a comparable figure. */
function trendText(figure: { value: number; yearBefore: number | null }): string {
  const change = trend(figure.value, figure.yearBefore);
  return change === null ? '' : ` (${change > 0 ? '+' : ''}${formatPercent(change)} sur un an)`;
}

/** The summary as the terminal prints it. */
function printSummary(context: CliContext, summary: TerritorySummary): void {
  const f = summary.figures;
  const { territory } = summary;
  context.stdout(`${territory.name ?? territory.code} (${LEVEL_LABELS[territory.level]} ${territory.code}), du ${formatDay(summary.from)} au ${formatDay(summary.to)} :`);
  const rows: Array<[string, string]> = [
    ['trajets', `${formatInteger(f.journeys.value)}${trendText(f.journeys)}`],
    ['covoiturages', `${formatInteger(f.carpools.value)}${trendText(f.carpools)}`],
    ['covoitureurs', `${formatInteger(f.carpoolers.value)}${trendText(f.carpoolers)}`],
    ['distance', `${formatInteger(f.distanceKm.value)} km${trendText(f.distanceKm)}`],
    ['incitations', `${formatCents(f.incentivesCents.value)} sur ${formatInteger(summary.incentives.journeys)} trajets${trendText(f.incentivesCents)}`],
    ['opérateurs', `${formatInteger(f.operators.value)}${trendText(f.operators)}`],
    ['CO₂ évité', `${formatDecimal(f.co2Tonnes.value)} t${trendText(f.co2Tonnes)}`],
    ['trajets internes', f.internalShare === null ? '—' : formatPercent(f.internalShare)],
  ];
  for (const [label, value] of rows) context.stdout(`  ${label.padEnd(18)} ${value}`);
  if (!summary.yearBefore) context.stdout('  (pas de comparaison sur un an : la base ne couvre pas la même période un an avant)');
  for (const payer of summary.incentives.payers) {
    context.stdout(`  payé par ${payer.campaign}${payer.authority ? ` (${payer.authority})` : ''} : ${formatInteger(payer.journeys)} trajets, ${formatCents(payer.cents)}`);
  }
  for (const flow of summary.topFlows.slice(0, 5)) {
    context.stdout(`  flux ${flow.originName ?? flow.origin} → ${flow.destinationName ?? flow.destination} : ${formatInteger(flow.journeys)} trajets`);
  }
  const w = summary.waiting;
  context.stdout(
    `En attente : ${formatInteger(w.importsWithRejectedRows)} import(s) avec des lignes rejetées (${formatInteger(w.rejectedRows)} lignes), ` +
      `${formatInteger(w.flaggedNotReviewed)} trajet(s) signalé(s) sans décision, ${formatInteger(w.savedSimulations)} simulation(s) enregistrée(s).`,
  );
  if (summary.store.from && summary.store.to) {
    const sync = summary.store.lastSync ? `, dernier import le ${formatDateTime(summary.store.lastSync)}` : '';
    context.stdout(`Base : trajets du ${formatDay(summary.store.from)} au ${formatDay(summary.store.to)}${sync}.`);
  }
}

/**
 * `atelier territory summary --db FILE --level L --code C [--from D --to D] [--json]`: the « Mon territoire » home
 * page of a territory (default period: the last three complete months of the store), with the Statistiques page's
 * definitions. `--json` prints `summaryJson`.
 */
async function summaryCommand(context: CliContext, args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: { db: { type: 'string' }, level: { type: 'string' }, code: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const request = parseRequest(values);
  await withJobSession(context, values.db, true, async (services, cancelOnInterrupt) => {
    await prepare(services, cancelOnInterrupt, request);
    const summary = await orCliError(services.territory.summary(request));
    if (values.json) context.stdout(JSON.stringify(summaryJson(summary), null, 2));
    else printSummary(context, summary);
  });
}

/** Simulates a catalogue campaign on the territory's journeys of the period (saved); answers the simulation's id. */
async function simulateOnTerritory(
  context: CliContext,
  services: AppServices,
  cancelOnInterrupt: CancelOnInterrupt,
  input: { campaignId: string; territory: TerritoryRef; territoryName: string; from: string; to: string },
): Promise<number> {
  let catalogue: CampaignDefinition;
  try {
    catalogue = services.campaigns.catalogueDefinition(input.campaignId);
  } catch (error) {
    throw asCliError(error);
  }
  const definition = campaignOnTerritory(catalogue, input.territory, input.territoryName, input);
  const { simulationId, jobId } = await orCliError(services.campaigns.simulate({ definition, from: input.from, to: input.to }));
  const done = await services.runner.wait(cancelOnInterrupt(jobId));
  if (context.interactive) context.stderr('\n');
  if (done?.status === 'cancelled') throw new CliError('Simulation annulée : aucun rapport écrit.');
  if (done?.status !== 'done') throw new Error(`Simulation en échec : ${done?.error ?? done?.status ?? 'inconnu'}`);
  return simulationId;
}

/**
 * `atelier territory report --db FILE --level L --code C [--from D --to D] [--campaign ID|--simulation N]
 * --out FILE.pdf [--json]`: the one-page territory report. `--campaign` (a catalogue id) is first simulated on the
 * territory's journeys of the period (its territory and window replaced, saved with the simulations); `--simulation`
 * takes a saved one. `--json` prints the file and the figures on the report (`reportFigures`).
 */
async function reportCommand(context: CliContext, args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      db: { type: 'string' }, level: { type: 'string' }, code: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
      campaign: { type: 'string' }, simulation: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.out || !values.out.toLowerCase().endsWith('.pdf')) throw new CliError('--out FICHIER.pdf est obligatoire');
  if (values.campaign !== undefined && values.simulation !== undefined) throw new CliError('--campaign et --simulation s’excluent : choisissez l’une des deux');
  const simulationOption = values.simulation === undefined ? undefined : Number(values.simulation);
  if (simulationOption !== undefined && (!Number.isSafeInteger(simulationOption) || simulationOption < 1)) {
    throw new CliError(`--simulation : numéro de simulation attendu (reçu « ${values.simulation} »)`);
  }
  const request = parseRequest(values);
  const territory: TerritoryRef = { level: request.level, code: request.code };
  await withJobSession(context, values.db, true, async (services, cancelOnInterrupt) => {
    const name = await prepare(services, cancelOnInterrupt, territory);
    const period = await orCliError(services.territory.period(request));
    const simulationId = values.campaign === undefined
      ? simulationOption
      : await simulateOnTerritory(context, services, cancelOnInterrupt, { campaignId: values.campaign, territory, territoryName: name, ...period });
    const { jobId, file } = await orCliError(services.territory.report({ territory, ...period, simulationId }, values.out));
    const done = await services.runner.wait(cancelOnInterrupt(jobId));
    if (context.interactive) context.stderr('\n');
    if (done?.status !== 'done') throw new CliError(`Rapport non écrit : ${done?.error ?? done?.status ?? 'inconnu'}`);
    if (values.json) {
      context.stdout(JSON.stringify({ file, bytes: done.summary.bytes, ...done.summary.figures }, null, 2));
      return;
    }
    const simulation = simulationId === undefined ? '' : `, simulation n° ${simulationId}`;
    context.stdout(`${file} : rapport de ${name}, du ${formatDay(period.from)} au ${formatDay(period.to)}${simulation} (1 page A4).`);
  });
}

/** `atelier territory summary|report …`: the « Mon territoire » page from the command line. */
export async function territoryCommand(context: CliContext, args: readonly string[]): Promise<void> {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case 'summary':
      return summaryCommand(context, rest);
    case 'report':
      return reportCommand(context, rest);
    default:
      throw new CliError(`Action inconnue : territory ${subcommand ?? ''} (attendu : summary ou report)`);
  }
}
