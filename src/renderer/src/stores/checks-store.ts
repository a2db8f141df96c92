import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ChecksSummary } from '@shared/types/checks';
import type { DecideSubject, ExclusionSummary, QueueGroup, ReviewQueuePage, ReviewQueueRequest, ReviewSubject } from '@shared/types/reviews';
import { useApi } from '@renderer/api/instance';
import { latestRequest } from '@renderer/composables/latest-request';
import { useSettingsStore } from './settings-store';

/** Rows per page of the review queue. */
export const QUEUE_PAGE_SIZE = 50;

export type QueueKind = ReviewQueueRequest['kind'];
/** The queue's filters as the request carries them; an absent field does not filter. */
export type QueueFilter = Omit<ReviewQueueRequest, 'kind' | 'group' | 'hidden' | 'offset' | 'limit'>;
/** An operator the filters and the case export can name. */
export interface OperatorOption {
  id: number;
  name: string;
}
/** A detail view open over the queue: a journey (natural key) or a person (identity key). */
export interface DetailTarget {
  kind: ReviewSubject['kind'];
  key: string;
}

/**
 * The Contrôles page's shared state: the latest scan, what confirmed fraud excludes, and the review queue with its
 * group, filters, page, bulk selection and the detail views opened from it. Kept in a store so that the queue keeps
 * its filters and page while a detail is open, and so that a decision taken anywhere reloads the queue and
 * exclusions. The checks hidden from the queue are a user setting (`review.hiddenChecks`), kept across sessions.
 */
export const useChecksStore = defineStore('checks', () => {
  const summary = ref<ChecksSummary | null>(null);
  const exclusions = ref<ExclusionSummary | null>(null);
  const operators = ref<OperatorOption[]>([]);
  const settings = useSettingsStore();
  const kind = ref<QueueKind>('journeys');
  /** Rows with a flag of their own, or those whose flags only restate the registry's status (counted apart). */
  const group = ref<QueueGroup>('own');
  const filter = ref<QueueFilter>({});
  /** Page of the queue, from 0. */
  const page = ref(0);
  const queue = ref<ReviewQueuePage | null>(null);
  /** Keys (natural keys or identity keys, after `kind`) ticked for a bulk decision, across pages. */
  const selected = ref<string[]>([]);
  /**
   * The decision of its own each ticked row showed when it was ticked (null: none), by key: the bulk decision is taken
   * against it, so that one recorded meanwhile by another investigator is refused rather than silently revised.
   */
  const seen = new Map<string, number | null>();
  /** Details opened one from another (a journey, then its driver…); the last one is shown. */
  const details = ref<DetailTarget[]>([]);
  // Filters can change faster than the main side answers: only the latest request's page is kept.
  const latestQueue = latestRequest();

  const pageCount = computed(() => Math.max(1, Math.ceil((queue.value?.total ?? 0) / QUEUE_PAGE_SIZE)));
  const detail = computed(() => details.value.at(-1) ?? null);
  const subjectKind = computed<ReviewSubject['kind']>(() => (kind.value === 'journeys' ? 'journey' : 'person'));
  const selectedSubjects = computed<DecideSubject[]>(() => selected.value.map((key) => ({ kind: subjectKind.value, key, seenDecisionId: seen.get(key) })));
  /** Check codes hidden from the queue (`T10`), as saved; none until the settings are read. */
  const hidden = computed<string[]>(() => settings.values?.['review.hiddenChecks'] ?? []);

  async function loadSummary(): Promise<void> {
    summary.value = await useApi().invoke('checks:summary', {});
  }

  /**
   * What confirmed fraud excludes right now, for the page's banner and for the « fraude confirmée » option of the
   * simulations and exports: the one place that asks `checks:exclusions`, the others read `exclusions`.
   */
  async function loadExclusions(): Promise<void> {
    exclusions.value = await useApi().invoke('checks:exclusions', {});
  }

  /** Operators of the store with their ids, for the operator filter and the case export. */
  async function loadOperators(): Promise<void> {
    operators.value = await useApi().invoke('extracts:operators', {});
  }

  async function loadQueue(): Promise<void> {
    const answer = await latestQueue(async () => {
      // The hidden checks are part of the request: the first one waits for the saved settings.
      if (!settings.values) await settings.load();
      return useApi().invoke('checks:queue', {
        kind: kind.value, group: group.value, hidden: hidden.value, ...filter.value, offset: page.value * QUEUE_PAGE_SIZE, limit: QUEUE_PAGE_SIZE,
      });
    });
    if (answer !== undefined) queue.value = answer;
  }

  /** Another kind or other filters: back to the first page, and a selection that no longer applies is dropped. */
  async function setKind(value: QueueKind): Promise<void> {
    kind.value = value;
    page.value = 0;
    selected.value = [];
    await loadQueue();
  }

  async function setGroup(value: QueueGroup): Promise<void> {
    group.value = value;
    page.value = 0;
    selected.value = [];
    await loadQueue();
  }

  /** Hides these check codes from the queue (saved for next time); the scan still runs them. */
  async function setHidden(codes: readonly string[]): Promise<void> {
    await settings.set('review.hiddenChecks', [...new Set(codes)].sort());
    page.value = 0;
    selected.value = [];
    await loadQueue();
  }

  async function setFilter(value: QueueFilter): Promise<void> {
    filter.value = value;
    page.value = 0;
    selected.value = [];
    await loadQueue();
  }

  async function setPage(value: number): Promise<void> {
    page.value = value;
    await loadQueue();
  }

  /** The decision of its own a row of the page shows (a journey's may come from a person: then it has none). */
  function ownDecisionOf(key: string): number | null | undefined {
    const page = queue.value;
    const row = subjectKind.value === 'journey' ? page?.journeys.find((journey) => journey.naturalKey === key) : page?.persons.find((person) => person.person === key);
    if (row === undefined) return undefined;
    return row.decision?.via === subjectKind.value ? row.decision.id : null;
  }

  /** Ticks or unticks rows of the page shown, remembering the decision each showed. */
  function select(keys: readonly string[], on: boolean): void {
    const others = selected.value.filter((key) => !keys.includes(key));
    selected.value = on ? [...others, ...keys] : others;
    for (const key of keys) {
      const own = on ? ownDecisionOf(key) : undefined;
      if (own === undefined) seen.delete(key);
      else seen.set(key, own);
    }
  }

  function open(target: DetailTarget): void {
    details.value = [...details.value, target];
  }

  function back(): void {
    details.value = details.value.slice(0, -1);
  }

  /** A decision changes the queue (its decision column and filter) and what is excluded. */
  async function afterDecision(): Promise<void> {
    selected.value = [];
    await Promise.all([loadQueue(), loadExclusions()]);
  }

  return {
    summary, exclusions, operators, kind, group, filter, page, queue, selected, details,
    pageCount, detail, selectedSubjects, hidden,
    loadSummary, loadExclusions, loadOperators, loadQueue, setKind, setGroup, setHidden, setFilter, setPage, select, open, back, afterDecision,
  };
});
