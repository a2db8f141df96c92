import { describe, expect, it } from 'vitest';
import { externalUrlDecision, TRUSTED_DOMAINS } from './external-url-policy';

describe('externalUrlDecision', () => {
  it('opens the State’s sites over https without asking', () => {
    for (const url of [
      'https://doc.covoiturage.beta.gouv.fr/le-registre-de-preuve-de-covoiturage',
      'https://covoiturage.beta.gouv.fr/',
      'https://www.data.gouv.fr/fr/datasets/trajets-realises-en-covoiturage-registre-de-preuve-de-covoiturage/',
      'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000047352397',
      'https://gouv.fr/',
      'https://www.insee.fr/fr/information/2560452',
      'HTTPS://Data.Gouv.FR/a?b=1#c',
      'https://data.gouv.fr./',
    ]) {
      expect(externalUrlDecision(url), url).toMatchObject({ action: 'open' });
    }
    expect(externalUrlDecision('HTTPS://Data.Gouv.FR/a?b=1#c')).toEqual({ action: 'open', url: 'https://data.gouv.fr/a?b=1#c' });
    expect(TRUSTED_DOMAINS).toContain('gouv.fr');
  });

  it('asks before any other https site, naming its host', () => {
    expect(externalUrlDecision('https://www.blablacar.fr/daily')).toEqual({ action: 'ask', url: 'https://www.blablacar.fr/daily', host: 'www.blablacar.fr' });
    // Names that merely contain a trusted domain, look-alikes (Cyrillic « о »), IP addresses and other ports.
    expect(externalUrlDecision('https://evilgouv.fr/')).toMatchObject({ action: 'ask', host: 'evilgouv.fr' });
    expect(externalUrlDecision('https://data.gouv.fr.exemple.com/')).toMatchObject({ action: 'ask', host: 'data.gouv.fr.exemple.com' });
    expect(externalUrlDecision('https://gоuv.fr/')).toMatchObject({ action: 'ask', host: 'xn--guv-sed.fr' });
    expect(externalUrlDecision('https://192.168.1.10/')).toMatchObject({ action: 'ask', host: '192.168.1.10' });
    expect(externalUrlDecision('https://data.gouv.fr:8443/')).toMatchObject({ action: 'ask', host: 'data.gouv.fr:8443' });
  });

  it('never opens plain http, other schemes, credentials or unreadable addresses', () => {
    for (const url of [
      'http://data.gouv.fr/',
      'http://www.blablacar.fr/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'smb://serveur/partage',
      'app://atelier/index.html',
      'https://gouv.fr@exemple.com/',
      'https://user:secret@data.gouv.fr/',
      'data.gouv.fr',
      '',
    ]) {
      expect(externalUrlDecision(url), url).toMatchObject({ action: 'refuse' });
    }
    expect(externalUrlDecision('http://data.gouv.fr/')).toMatchObject({ reason: expect.stringContaining('http') });
  });
});
