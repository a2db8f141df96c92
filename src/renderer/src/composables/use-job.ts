import { computed, ref, toValue, type MaybeRefOrGetter } from 'vue';
import { useJobsStore } from '@renderer/stores/jobs-store';

/**
 * One job as the jobs store tracks it, plus its cancellation. `job` is undefined until the store knows the id
 * (a job just started, before its first event); `cancelRequested` stays true once the request went through,
 * since only `job:done` says the job actually stopped.
 */
export function useJob(jobId: MaybeRefOrGetter<string>) {
  const jobs = useJobsStore();
  const job = computed(() => jobs.byId[toValue(jobId)]);
  const cancelRequested = ref(false);

  /** Sends `jobs:cancel`; rejects with the `ApiError` (and allows a new attempt) when it fails. */
  async function cancel(): Promise<void> {
    cancelRequested.value = true;
    try {
      await jobs.cancel(toValue(jobId));
    } catch (error) {
      cancelRequested.value = false;
      throw error;
    }
  }

  return { job, cancelRequested, cancel };
}
