import { describe, expect, it } from 'vitest';
import { createAppI18n, frenchPluralChoice } from './index';

describe('French plurals', () => {
  it('puts 0 and 1 in the singular, the first of three forms being for zero', () => {
    expect([0, 1, 2, 12].map((count) => frenchPluralChoice(count, 2))).toEqual([0, 0, 1, 1]);
    expect([0, 1, 2, 12].map((count) => frenchPluralChoice(count, 3))).toEqual([0, 1, 2, 2]);
  });

  it('names the object of counted messages and agrees with the count', () => {
    const { t } = createAppI18n().global;
    const say = (key: string, count: number, named: Record<string, unknown> = {}) => t(key, { count, ...named }, count);
    expect(say('checks.decide.doneJourneys', 1)).toBe('Décision enregistrée pour 1 trajet.');
    expect(say('checks.decide.donePersons', 3)).toBe('Décision enregistrée pour 3 personnes.');
    expect(say('campaigns.catalogue.caption', 1)).toBe('1 campagne');
    expect(say('campaigns.editor.invalid', 1)).toBe('1 problème à corriger :');
    expect(say('campaigns.editor.invalid', 2)).toBe('2 problèmes à corriger :');
    expect(say('checks.runTrips', 0)).toBe('aucun trajet');
    expect(say('checks.plot.label', 1)).toMatch(/^Tracé de 1 trajet, /);
    expect(say('data.log.codeLine', 0, { code: '44109' })).toBe('44109 : 0 trajet');
    expect(t('jobs.units.rows', 1)).toBe('ligne');
    expect(t('jobs.units.checks', 28)).toBe('contrôles');
    expect(t('campaigns.result.driversCutValue', { cut: 0, paid: 1 }, 1)).toBe('0 sur 1 conducteur incité');
  });
});
