import { ref, toValue, watch, type MaybeRefOrGetter } from 'vue';

/**
 * The `from` and `to` days (YYYY-MM-DD) of a form's period, starting from a default period that may arrive after the
 * form is shown (the store's covered range, loaded by the page): it fills the fields only while both are still
 * empty, so it never overwrites what the user typed.
 */
export function useDefaultPeriod(period: MaybeRefOrGetter<{ from: string; to: string } | null>) {
  const from = ref(toValue(period)?.from ?? '');
  const to = ref(toValue(period)?.to ?? '');
  watch(
    () => toValue(period),
    (value) => {
      if (value && from.value === '' && to.value === '') [from.value, to.value] = [value.from, value.to];
    },
  );
  return { from, to };
}
