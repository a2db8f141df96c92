import { computed, ref } from 'vue';
import { contract } from '@shared/ipc/contract';
import { useApi } from '@renderer/api/instance';
import { useJobsStore } from '@renderer/stores/jobs-store';
import { useSettingsStore } from '@renderer/stores/settings-store';

/** The contract's own rule for the number of demo trips, so that the form refuses what the main side would. */
const tripsSchema = contract['demo:start'].req.shape.trips.unwrap();

/** Bounds of the number of demo trips, for the form's hint and its `min`/`max` attributes. */
export const DEMO_TRIPS_BOUNDS = {
  min: tripsSchema.minValue ?? 0,
  max: tripsSchema.maxValue ?? Number.MAX_SAFE_INTEGER,
};

/** True when `trips` is a number of demo trips `demo:start` accepts. */
export function isValidDemoTrips(trips: number): boolean {
  return tripsSchema.safeParse(trips).success;
}

/**
 * Loading demo data and answering the first-run offer. Both actions reject with the `ApiError` for the
 * caller to show.
 */
export function useDemo() {
  const api = useApi();
  const jobs = useJobsStore();
  const settings = useSettingsStore();
  const starting = ref(false);

  /** A demo load is being started or is running: a second one would only compete for the same tables. */
  const busy = computed(() => starting.value || jobs.running.some((job) => job.kind === 'demo.load'));

  /** Starts the demo job, follows it, then records that the first-run offer got its answer. */
  async function load(trips: number): Promise<void> {
    starting.value = true;
    try {
      const { jobId } = await api.invoke('demo:start', { trips });
      jobs.track(jobId, 'demo.load');
      if (settings.values?.['demo.offerAnswered'] !== true) await settings.set('demo.offerAnswered', true);
    } finally {
      starting.value = false;
    }
  }

  /** "Non merci": the offer is not shown again. */
  async function decline(): Promise<void> {
    await settings.set('demo.offerAnswered', true);
  }

  return { busy, load, decline };
}
