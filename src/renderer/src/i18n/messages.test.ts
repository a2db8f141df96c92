import { mount } from '@vue/test-utils';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createAppI18n } from './index';
import { useMessages, type MessageKey, type Messages } from './messages';

/** Runs `use` inside a component's setup with the app's i18n, as pages do. */
function withMessages(use: (messages: Messages) => string): string {
  const Probe = defineComponent({ setup: () => () => h('p', use(useMessages())) });
  return mount(Probe, { global: { plugins: [createAppI18n()] } }).text();
}

describe('useMessages', () => {
  it('translates existing keys with values and the French plural rule', () => {
    expect(withMessages(({ t }) => t('map.title'))).toBe('Carte');
    expect(withMessages(({ t }) => t('map.counts.flows', 0))).toBe('aucun flux');
    expect(withMessages(({ t }) => t('map.counts.journeys', { count: '1 234' }, 1234))).toBe('1 234 trajets');
  });

  it('narrows keys built from data only when they have a message', () => {
    expect(withMessages(({ t, known }) => {
      const key = `map.levelsPlural.${'epci'}`;
      return known(key) ? t(key) : 'inconnu';
    })).toBe('EPCI');
    expect(withMessages(({ t, known }) => {
      const key = `map.levelsPlural.${'galaxie'}`;
      return known(key) ? t(key) : 'inconnu';
    })).toBe('inconnu');
  });

  it('types keys: a misspelt or partial key does not compile', () => {
    expectTypeOf<'map.title'>().toMatchTypeOf<MessageKey>();
    expectTypeOf<'map.weekdays.1.short'>().toMatchTypeOf<MessageKey>();
    expectTypeOf<'map.titel'>().not.toMatchTypeOf<MessageKey>();
    // A subtree is not a message.
    expectTypeOf<'map.counts'>().not.toMatchTypeOf<MessageKey>();
    // @ts-expect-error — vue-tsc fails the typecheck if this key ever becomes valid or the check stops working.
    const misspelt: MessageKey = 'stats.titel';
    expect(misspelt).toBe('stats.titel');
  });
});
