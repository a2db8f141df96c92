/**
 * Which links may leave the app for the system browser (docs/privacy.md, « Liens externes »). Pure: the Electron
 * side (`safeOpenExternal`) asks the user when told to and opens the URL.
 */

/**
 * Domains of the State opened without asking, with every subdomain: `gouv.fr` is reserved to the State's services
 * (data.gouv.fr, covoiturage.beta.gouv.fr and its documentation, legifrance.gouv.fr, geo.api.gouv.fr…), `insee.fr`,
 * `service-public.fr` and `cerema.fr` (the AOM reference) are its agencies'.
 */
export const TRUSTED_DOMAINS: readonly string[] = ['gouv.fr', 'insee.fr', 'service-public.fr', 'cerema.fr'];

export type ExternalUrlDecision =
  /** A State site over https: opened at once. */
  | { action: 'open'; url: string }
  /** Another https site: opened only if the user confirms, after seeing its host. */
  | { action: 'ask'; url: string; host: string }
  /** Never opened, with the reason (French, for a log line). */
  | { action: 'refuse'; reason: string };

/** True when `host` is `domain` or one of its subdomains (`a.data.gouv.fr` for `gouv.fr`; not `evilgouv.fr`). */
function withinDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * What to do with a link the page wants to open outside the app:
 * - anything but `https:` is refused: plain `http:` (readable and changeable on the way), `file:`, `javascript:`,
 *   custom schemes that start programs, and URLs that do not parse;
 * - so is an URL carrying a user name or password (`https://gouv.fr@exemple.com/` shows one host and opens another);
 * - an https URL on a trusted domain (`TRUSTED_DOMAINS`), on the default port, is opened;
 * - any other https URL (other hosts, IP addresses, other ports) is opened only once the user has confirmed.
 * Hosts are compared as the URL parser gives them: lower case, internationalised names in punycode (a look-alike
 * `gоuv.fr` with a Cyrillic « о » is `xn--guv-…`, not trusted), a final dot removed.
 */
export function externalUrlDecision(url: string): ExternalUrlDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { action: 'refuse', reason: 'adresse illisible' };
  }
  if (parsed.protocol === 'http:') return { action: 'refuse', reason: 'lien non chiffré (http) : seuls les liens https sont ouverts' };
  if (parsed.protocol !== 'https:') return { action: 'refuse', reason: `protocole « ${parsed.protocol} » non autorisé` };
  if (parsed.username !== '' || parsed.password !== '') return { action: 'refuse', reason: 'adresse avec identifiants' };
  const host = parsed.hostname.replace(/\.$/, '');
  if (host === '') return { action: 'refuse', reason: 'adresse sans hôte' };
  const trusted = parsed.port === '' && TRUSTED_DOMAINS.some((domain) => withinDomain(host, domain));
  return trusted ? { action: 'open', url: parsed.href } : { action: 'ask', url: parsed.href, host: parsed.host };
}
