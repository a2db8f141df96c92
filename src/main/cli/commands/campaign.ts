import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { z } from 'zod';
import { CounterValueSchema, type CounterValue } from '../../../shared/campaigns/counter-value';
import type { CampaignDefinition, TerritorySelector } from '../../../shared/campaigns/definition-types';
import { UserError } from '../../../shared/ipc/result';
import { SimulationRequest } from '../../../shared/types/simulation';
import { formatCents, formatDay, formatDecimal, formatInteger } from '../../../shared/util/format';
import { CampaignFileError, loadCatalogue, readDefinitionFile, resolveCampaign } from '../../campaigns/catalogue-files';
import { runCampaignOnFile, TripsFileError } from '../../campaigns/run-trips-file';
import { CampaignDefinitionError } from '../../domain/campaigns';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { withJobSession } from '../job-session';
import { PRIVATE_FILE_MODE } from '../../platform/private-files';

/** Turns the campaign layer's French errors (and the service's refusals) into one-line CLI errors (exit 1). */
function asCliError(error: unknown): unknown {
  if (error instanceof CampaignFileError || error instanceof TripsFileError || error instanceof CampaignDefinitionError || error instanceof UserError) {
    return new CliError(error.message);
  }
  return error;
}

/** `--budget-cents N`: a replacement budget in whole cents, or undefined when the option is absent. */
function budgetCentsOption(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const cents = Number(raw);
  if (!Number.isSafeInteger(cents) || cents < 0) throw new CliError(`--budget-cents : entier positif attendu (reçu « ${raw} »)`);
  return cents;
}

/** `--list NAME=v1,v2,...` (repeatable) → overrides of named lists. */
function parseLists(values: readonly string[]): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const value of values) {
    const match = /^([A-Za-z_][\w-]*)=(.*)$/.exec(value);
    if (!match) throw new CliError(`--list attend NOM=v1,v2,... (reçu « ${value} »)`);
    lists[match[1] as string] = (match[2] as string).split(',').map((item) => item.trim()).filter((item) => item !== '');
  }
  return lists;
}

function readCounters(path: string): CounterValue[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`--counters-in ${path} : JSON illisible (${(error as Error).message})`);
  }
  const parsed = z.array(CounterValueSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`--counters-in ${path} : entrée ${issue?.path.join('.') ?? '?'} invalide (${issue?.message ?? ''})`);
  }
  return parsed.data;
}

/**
 * `atelier campaign run --campaign ID|FILE --trips FILE.jsonl [--order chronological|input] [--window-from ISO]
 * [--window-to ISO] [--selector JSON] [--budget-cents N] [--list NAME=v1,...] [--counters-in FILE]
 * [--counters-out FILE] [--out FILE.jsonl]`: exact replay of a campaign on trips, one result line per trip.
 */
export async function campaignRunCommand(
  context: CliContext,
  options: {
    campaign?: string | undefined; trips?: string | undefined; order?: string | undefined; 'window-from'?: string | undefined; 'window-to'?: string | undefined;
    selector?: string | undefined; 'budget-cents'?: string | undefined; list?: string[] | undefined; 'counters-in'?: string | undefined;
    'counters-out'?: string | undefined; out?: string | undefined;
  },
): Promise<void> {
  if (!options.campaign) throw new CliError('--campaign ID|FICHIER est obligatoire');
  if (!options.trips) throw new CliError('--trips FICHIER.jsonl est obligatoire');
  const order = options.order ?? 'chronological';
  if (order !== 'chronological' && order !== 'input') throw new CliError(`--order : chronological ou input (reçu « ${order} »)`);
  let selector: TerritorySelector | undefined;
  if (options.selector !== undefined) {
    try {
      selector = JSON.parse(options.selector) as TerritorySelector;
    } catch {
      throw new CliError(`--selector : JSON invalide (exemple : {"aom":["217500016"]})`);
    }
  }
  const budgetCents = budgetCentsOption(options['budget-cents']);
  try {
    const definition = resolveCampaign(options.campaign);
    // Per-journey results of the user's trips: readable by the user only when created (docs/privacy.md).
    const out = options.out ? createWriteStream(options.out, { mode: PRIVATE_FILE_MODE }) : null;
    const summary = await runCampaignOnFile({
      definition,
      tripsFile: options.trips,
      order,
      overrides: {
        ...(options.list ? { lists: parseLists(options.list) } : {}),
        ...(options['window-from'] ? { windowFrom: options['window-from'] } : {}),
        ...(options['window-to'] ? { windowTo: options['window-to'] } : {}),
        ...(selector ? { selector } : {}),
        ...(budgetCents !== undefined ? { budgetCents } : {}),
      },
      countersIn: options['counters-in'] ? readCounters(options['counters-in']) : undefined,
      writeLine: async (line) => {
        if (!out) context.stdout(line);
        else if (!out.write(`${line}\n`)) await once(out, 'drain');
      },
    });
    if (out) {
      out.end();
      await once(out, 'finish');
    }
    if (options['counters-out']) writeFileSync(options['counters-out'], `${JSON.stringify(summary.countersOut, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
    context.stderr(
      `${definition.id} « ${definition.name} » : ${formatInteger(summary.trips)} trajets, ${formatInteger(summary.eligible)} éligibles, ` +
        `${formatInteger(summary.paid)} incités, ${formatCents(summary.amountCents)}.`,
    );
  } catch (error) {
    throw asCliError(error);
  }
}

/**
 * `atelier campaign simulate --db FILE --campaign ID|FILE.json --from YYYY-MM-DD --to YYYY-MM-DD [--budget-cents N]
 * [--json]`: the Campagnes page's simulation on the store's journeys of the period (the same service and job), saved
 * with the other simulations; progress on stderr, Ctrl-C cancels (nothing is saved). What could make it a zero (no
 * journey in the period or the territory, window outside the period, nothing paid) is printed on stderr as
 * `Attention : …`. `--json` prints `{journeys, eligible, incentivised, amount_cents, seconds, simulation_id, warnings}`,
 * `seconds` being the job's wall time and `warnings` the saved `{code, message}` list.
 */
export async function campaignSimulateCommand(
  context: CliContext,
  options: { db?: string | undefined; campaign?: string | undefined; from?: string | undefined; to?: string | undefined; 'budget-cents'?: string | undefined; json: boolean },
): Promise<void> {
  if (!options.campaign) throw new CliError('--campaign ID|FICHIER.json est obligatoire (atelier campaign list)');
  if (!options.from || !options.to) throw new CliError('--from AAAA-MM-JJ et --to AAAA-MM-JJ sont obligatoires');
  const budgetCents = budgetCentsOption(options['budget-cents']);
  let definition: CampaignDefinition;
  try {
    definition = resolveCampaign(options.campaign);
  } catch (error) {
    throw asCliError(error);
  }
  // A catalogue campaign is saved by its id, as the page saves it; a file's definition is saved whole.
  const source = loadCatalogue().includes(definition) ? { campaignId: definition.id } : { definition };
  const parsed = SimulationRequest.safeParse({ ...source, from: options.from, to: options.to, ...(budgetCents !== undefined ? { budgetCents } : {}) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`--${String(issue?.path[0] ?? 'campaign')} : ${issue?.message ?? 'valeur invalide'}`);
  }
  await withJobSession(context, options.db, true, async (services, cancelOnInterrupt) => {
    const started = performance.now();
    let simulation: { simulationId: number; jobId: string };
    try {
      simulation = await services.campaigns.simulate(parsed.data);
    } catch (error) {
      throw asCliError(error);
    }
    const done = await services.runner.wait(cancelOnInterrupt(simulation.jobId));
    const seconds = (performance.now() - started) / 1000;
    if (context.interactive) context.stderr('\n');
    if (done?.status === 'cancelled') throw new CliError('Simulation annulée : rien n’a été enregistré.');
    if (done?.status !== 'done') throw new Error(`Simulation en échec : ${done?.error ?? done?.status ?? 'inconnu'}`);
    // Read back as saved: what is printed is what the Campagnes page shows, warnings included (never a silent zero).
    const { totals, warnings } = await services.campaigns.result(simulation.simulationId);
    for (const warning of warnings) context.stderr(`Attention : ${warning.message}`);
    if (options.json) {
      context.stdout(JSON.stringify({
        journeys: totals.trips, eligible: totals.eligible, incentivised: totals.paid, amount_cents: totals.amountCents, seconds, simulation_id: simulation.simulationId, warnings,
      }, null, 2));
      return;
    }
    const exhausted = totals.exhaustedOn ? `, budget épuisé le ${formatDay(totals.exhaustedOn)}` : '';
    context.stdout(
      `Simulation n° ${simulation.simulationId} enregistrée — ${definition.id} « ${definition.name} », du ${formatDay(parsed.data.from)} au ${formatDay(parsed.data.to)} : ` +
        `${formatInteger(totals.trips)} trajets, ${formatInteger(totals.eligible)} éligibles, ${formatInteger(totals.paid)} incités, ` +
        `${formatCents(totals.amountCents)}${exhausted} (${formatDecimal(seconds)} s).`,
    );
  });
}

/** `atelier campaign list [--json]`: the catalogue, id, name, territory, period and budget. */
export function campaignListCommand(context: CliContext, options: { json: boolean }): void {
  const catalogue = loadCatalogue();
  if (options.json) {
    context.stdout(JSON.stringify(catalogue.map((c) => ({ id: c.id, name: c.name, status: c.status, window: c.window, budget_cents: c.budget_cents, territory: c.territory })), null, 2));
    return;
  }
  for (const campaign of catalogue) {
    const window = `${campaign.window.from ?? '…'} → ${campaign.window.to ?? '…'}`;
    const budget = campaign.budget_cents === null ? 'sans budget' : formatCents(campaign.budget_cents);
    context.stdout(`${campaign.id.padEnd(24)} ${campaign.name} (${window}, ${budget})`);
  }
}

/** `atelier campaign validate FILE`: exit 0 when valid, 1 with every problem and its JSON path. */
export function campaignValidateCommand(context: CliContext, file: string | undefined): void {
  if (!file) throw new CliError('indiquez le fichier de définition à valider');
  try {
    const definition = readDefinitionFile(file);
    context.stdout(`${file} : définition valide (campagne ${definition.id} « ${definition.name} »).`);
  } catch (error) {
    throw asCliError(error);
  }
}
