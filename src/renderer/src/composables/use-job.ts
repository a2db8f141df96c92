import { computed, ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';
import type { JobKind } from '@shared/types/jobs';
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

/**
 * A job a form starts. `start` awaits the starting call's answer (`{ jobId, ... }`: the id and what the job writes),
 * has the jobs store follow the job under `kind`, and keeps the answer in `started`; `starting` is true while the call
 * is pending, so that a button cannot start the job twice. `summary` is the job's summary once it is done (null
 * before, and when it failed or was cancelled). A failing call rejects, and the caller shows the error as for any call.
 */
export function useStartedJob<Answer extends { jobId: string }, Summary = unknown>(kind: JobKind) {
  const jobs = useJobsStore();
  const started = shallowRef<Answer | null>(null);
  const starting = ref(false);
  const job = computed(() => (started.value ? jobs.byId[started.value.jobId] : undefined));
  const summary = computed(() => (job.value?.status === 'done' && job.value.summary ? (job.value.summary as Summary) : null));

  /** Runs the starting call and follows the job it started. */
  async function start(call: () => Promise<Answer>): Promise<void> {
    starting.value = true;
    try {
      const answer = await call();
      started.value = answer;
      jobs.track(answer.jobId, kind);
    } finally {
      starting.value = false;
    }
  }

  return { started, starting, job, summary, start };
}
