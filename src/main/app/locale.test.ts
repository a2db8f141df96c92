import { describe, expect, it } from 'vitest';
import { APP_LOCALE, applyAppLocale } from './locale';

describe('applyAppLocale', () => {
  it('asks Chromium for the French locale, so that date fields read day/month/year', () => {
    const switches: Array<[string, string | undefined]> = [];
    applyAppLocale({ appendSwitch: (name, value) => void switches.push([name, value]) });
    expect(APP_LOCALE).toBe('fr-FR');
    expect(switches).toEqual([['lang', 'fr-FR']]);
  });
});
