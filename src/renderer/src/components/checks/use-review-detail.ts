import { nextTick, ref, watch, type Ref } from 'vue';
import { useApiCall } from '@renderer/composables/use-api-call';

/**
 * The detail of a journey or a person, loaded again whenever its key changes (the view stays mounted while the
 * investigator walks from one to the next); the heading then takes the focus, for keyboard and screen readers.
 * Bind `heading` with `ref="heading"`; `load` reloads after a decision.
 */
export function useReviewDetail<T>(key: () => string, fetch: (key: string) => Promise<T>) {
  const detail = ref<T | null>(null) as Ref<T | null>;
  const { error, attempt } = useApiCall();
  const heading = ref<HTMLElement | null>(null);

  async function load(): Promise<void> {
    await attempt(async () => {
      detail.value = await fetch(key());
    });
  }

  watch(
    key,
    async () => {
      detail.value = null;
      await load();
      await nextTick();
      heading.value?.focus();
    },
    { immediate: true },
  );
  return { detail, error, heading, load };
}
