import { describe, expect, it } from 'vitest';
import { isAppUrl } from './navigation-policy';

const ORIGIN = 'app://atelier';

describe('isAppUrl', () => {
  it('lets the app’s pages move within its own origin', () => {
    for (const url of ['app://atelier/index.html', 'app://atelier/index.html#/revue', 'APP://ATELIER/assets/x.js', 'app://atelier']) {
      expect(isAppUrl(url, ORIGIN), url).toBe(true);
    }
  });

  it('refuses every other place, look-alike hosts included', () => {
    for (const url of [
      'https://covoiturage.beta.gouv.fr/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'about:blank',
      'javascript:alert(1)',
      'app://atelier.exemple.com/',
      'app://atelier@exemple.com/',
      'app://autre/index.html',
      'app://atelier:8080/',
      'atelier/index.html',
      '',
    ]) {
      expect(isAppUrl(url, ORIGIN), url).toBe(false);
    }
  });
});
