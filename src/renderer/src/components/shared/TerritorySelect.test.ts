import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import type { StatsLevel } from '@shared/types/stats';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import TerritorySelect from './TerritorySelect.vue';

enableAutoUnmount(afterEach);

/** The picker in a form that holds its level and code, as the Statistiques and Carte stores do. */
function mountPicker(overrides: Partial<FakeHandlers> = {}, whole = false) {
  const level = ref<StatsLevel | ''>('dep');
  const code = ref('44');
  const errors: unknown[] = [];
  const Form = defineComponent({
    setup: () => () =>
      h('div', { class: 'fr-grid-row' }, [
        h(TerritorySelect<StatsLevel>, {
          levels: ['reg', 'dep'],
          wholeLabel: whole ? 'Toute la base' : undefined,
          levelLabel: 'Niveau',
          territoryLabel: 'Territoire',
          levelTestId: 'level',
          territoryTestId: 'territory',
          level: level.value,
          'onUpdate:level': (value: StatsLevel | '') => (level.value = value),
          code: code.value,
          'onUpdate:code': (value: string) => (code.value = value),
          onError: (cause: unknown) => errors.push(cause),
        }),
      ]),
  });
  const { wrapper } = mountWithApp(Form, createFakeApi(overrides));
  return { wrapper, level, code, errors };
}

const select = (wrapper: VueWrapper, testId: string) => wrapper.get(`select[data-testid="${testId}"], [data-testid="${testId}"] select`);
const options = (wrapper: VueWrapper, testId: string) => select(wrapper, testId).findAll('option').map((option) => option.text());

describe('TerritorySelect', () => {
  it('lists the territories of the level chosen, busiest first, and picks the busiest', async () => {
    const { wrapper, level, code } = mountPicker();
    await select(wrapper, 'level').setValue('reg');
    await flushPromises();
    expect(level.value).toBe('reg');
    expect(code.value).toBe('52');
    expect(options(wrapper, 'territory')).toContain('Pays de la Loire (52)');

    await select(wrapper, 'level').setValue('dep');
    await flushPromises();
    expect(code.value).toBe('44');
    expect(options(wrapper, 'territory')).toEqual(expect.arrayContaining(['Loire-Atlantique (44)', 'Maine-et-Loire (49)']));
  });

  it('offers « no territory » when asked: the territory then waits for a level', async () => {
    const { wrapper, level, code } = mountPicker({}, true);
    expect(options(wrapper, 'level')).toContain('Toute la base');
    await select(wrapper, 'level').setValue('');
    await flushPromises();
    expect([level.value, code.value]).toEqual(['', '']);
    expect(select(wrapper, 'territory').attributes('disabled')).toBeDefined();
  });

  it('hands a list that could not be read to its owner, keeping the territory chosen', async () => {
    const { wrapper, code, errors } = mountPicker({
      'stats:territories': () => {
        throw new ApiError('internal', 'base illisible');
      },
    });
    await select(wrapper, 'level').setValue('reg');
    await flushPromises();
    expect(errors).toHaveLength(1);
    expect(code.value).toBe('44');
  });
});
