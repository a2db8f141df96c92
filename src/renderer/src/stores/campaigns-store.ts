import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CatalogueEntry } from '@shared/types/campaigns';
import type { SavedSimulation, SimulationRequest, SimulationResult } from '@shared/types/simulation';
import type { ComparableCampaign, SimulationPreflight, TerritoryRef } from '@shared/types/territory';
import { useApi } from '@renderer/api/instance';
import { useJobsStore } from '@renderer/stores/jobs-store';

/** A draft prepared on the home page, for the Campagnes page to load into its simulation form. */
export interface PreparedDraft {
  /** Name of the catalogue campaign it was drawn from. */
  sourceName: string;
  from: string;
  to: string;
  /** What changed from the catalogue campaign, in French. */
  changes: string[];
}

/**
 * The Campagnes page: catalogue, the definition being edited, saved simulations, the simulation shown and the
 * ones compared; a draft prepared from the home page, and the warnings of a simulation checked before it runs.
 */
export const useCampaignsStore = defineStore('campaigns', () => {
  const catalogue = ref<CatalogueEntry[]>([]);
  const simulations = ref<SavedSimulation[]>([]);
  /** Text of the editor (JSON of a definition). */
  const editorText = ref('');
  const shown = ref<SimulationResult | null>(null);
  const shownId = ref<number | null>(null);
  const compared = ref<SimulationResult[]>([]);
  const running = ref<{ simulationId: number; jobId: string } | null>(null);
  const draft = ref<PreparedDraft | null>(null);
  /** A simulation held back by `simulations:preflight` warnings, until the user shifts its period or runs it anyway. */
  const preflight = ref<{ request: SimulationRequest; answer: SimulationPreflight } | null>(null);
  const checking = ref(false);
  /**
   * True while a simulation's job is being started (`simulations:start` checks the period again and saves the
   * simulation first: seconds on a large or busy store), so that the page is never silent between the click and the
   * job's progress.
   */
  const starting = ref(false);

  async function load(): Promise<void> {
    [catalogue.value] = await Promise.all([useApi().invoke('campaigns:catalogue', {}), loadSimulations()]);
  }

  /** Reads the saved simulations: this page's list, the Carte's overlays and the attestation batches' sources. */
  async function loadSimulations(): Promise<void> {
    simulations.value = await useApi().invoke('simulations:list', {});
  }

  /** Puts a catalogue definition in the editor, as a starting point for a custom campaign. */
  async function clone(id: string): Promise<void> {
    const definition = await useApi().invoke('campaigns:definition', { id });
    editorText.value = JSON.stringify(definition, null, 2);
  }

  /** Starts a simulation and follows its job; the result is shown when it ends (see `onJobDone`). */
  async function simulate(request: SimulationRequest): Promise<void> {
    starting.value = true;
    try {
      const started = await useApi().invoke('simulations:start', request);
      running.value = started;
      useJobsStore().track(started.jobId, 'campaign.simulate');
    } finally {
      starting.value = false;
    }
  }

  /**
   * Says what a simulation would run on before running it (never a silent zero): runs it at once when
   * `simulations:preflight` has no warning, else keeps the request and the warnings for the page to show.
   */
  async function simulateChecked(request: SimulationRequest): Promise<void> {
    preflight.value = null;
    checking.value = true;
    try {
      const answer = await useApi().invoke('simulations:preflight', request);
      if (answer.warnings.length > 0) {
        preflight.value = { request, answer };
        return;
      }
    } finally {
      checking.value = false;
    }
    await simulate(request);
  }

  /** Runs the simulation held back, on the period the preflight suggested (checked again: it may still warn). */
  async function shiftPeriod(): Promise<void> {
    const period = preflight.value?.answer.suggestedPeriod;
    if (!preflight.value || !period) return;
    await simulateChecked({ ...preflight.value.request, from: period.from, to: period.to });
  }

  /** Runs the simulation held back as it was asked, warnings read. */
  async function runAnyway(): Promise<void> {
    const held = preflight.value;
    preflight.value = null;
    if (held) await simulate(held.request);
  }

  /**
   * Turns a comparable catalogue campaign into a draft for `territory` (`campaigns:draft`): its definition goes to the
   * editor, its period and origin to `draft`, which the Campagnes page loads into its simulation form.
   */
  async function prepareDraft(campaign: ComparableCampaign, territory: TerritoryRef): Promise<void> {
    const answer = await useApi().invoke('campaigns:draft', { campaignId: campaign.campaignId, territory });
    editorText.value = JSON.stringify(answer.definition, null, 2);
    draft.value = { sourceName: campaign.name, from: answer.from, to: answer.to, changes: answer.changes };
    preflight.value = null;
  }

  async function show(id: number): Promise<void> {
    shown.value = await useApi().invoke('simulations:result', { id });
    shownId.value = id;
  }

  /**
   * A simulation job ended: refresh the saved list and show its result when it succeeded. Answers whether a result
   * is now shown (the page then opens its results).
   */
  async function onJobDone(jobId: string, status: string): Promise<boolean> {
    if (running.value?.jobId !== jobId) return false;
    const { simulationId } = running.value;
    await loadSimulations();
    if (status !== 'done') return false;
    await show(simulationId);
    return true;
  }

  async function compare(ids: number[]): Promise<void> {
    compared.value = await Promise.all(ids.map((id) => useApi().invoke('simulations:result', { id })));
  }

  return {
    catalogue, simulations, editorText, shown, shownId, compared, running, draft, preflight, checking, starting,
    load, loadSimulations, clone, simulate, simulateChecked, shiftPeriod, runAnyway, prepareDraft, show, onJobDone, compare,
  };
});
