import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CatalogueEntry } from '@shared/types/campaigns';
import type { SavedSimulation, SimulationRequest, SimulationResult } from '@shared/types/simulation';
import { useApi } from '@renderer/api/instance';
import { useJobsStore } from '@renderer/stores/jobs-store';

/**
 * The Campagnes page: catalogue, the definition being edited, saved simulations, the simulation shown and the
 * ones compared.
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

  async function load(): Promise<void> {
    const api = useApi();
    [catalogue.value, simulations.value] = await Promise.all([api.invoke('campaigns:catalogue', {}), api.invoke('simulations:list', {})]);
  }

  /** Puts a catalogue definition in the editor, as a starting point for a custom campaign. */
  async function clone(id: string): Promise<void> {
    const definition = await useApi().invoke('campaigns:definition', { id });
    editorText.value = JSON.stringify(definition, null, 2);
  }

  /** Starts a simulation and follows its job; the result is shown when it ends (see `onJobDone`). */
  async function simulate(request: SimulationRequest): Promise<void> {
    running.value = await useApi().invoke('simulations:start', request);
    useJobsStore().track(running.value.jobId, 'campaign.simulate');
  }

  async function show(id: number): Promise<void> {
    shown.value = await useApi().invoke('simulations:result', { id });
    shownId.value = id;
  }

  /** A simulation job ended: refresh the saved list and show its result when it succeeded. */
  async function onJobDone(jobId: string, status: string): Promise<void> {
    if (running.value?.jobId !== jobId) return;
    simulations.value = await useApi().invoke('simulations:list', {});
    if (status === 'done') await show(running.value.simulationId);
  }

  async function compare(ids: number[]): Promise<void> {
    compared.value = await Promise.all(ids.map((id) => useApi().invoke('simulations:result', { id })));
  }

  return { catalogue, simulations, editorText, shown, shownId, compared, running, load, clone, simulate, show, onJobDone, compare };
});
