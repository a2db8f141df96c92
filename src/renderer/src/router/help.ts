import type { RouteLocationRaw } from 'vue-router';

/** Path of the « Aide » page. */
export const HELP_PATH = '/aide';

/**
 * The sections of the « Aide » page, in page order, each with its anchor (a French slug, as it shows in the address)
 * and its title's message key. Pages link to a section by its topic, so that a renamed anchor cannot break a link.
 */
export const HELP_TOPICS = {
  campaigns: { anchor: 'definitions-campagne', titleKey: 'help.campaigns.title' },
  checks: { anchor: 'controles', titleKey: 'help.checks.title' },
  statistics: { anchor: 'statistiques', titleKey: 'help.statistics.title' },
  privacy: { anchor: 'donnees-personnelles', titleKey: 'help.privacy.title' },
  commandLine: { anchor: 'ligne-de-commande', titleKey: 'help.commandLine.title' },
} as const;

/** A section of the « Aide » page. */
export type HelpTopic = keyof typeof HELP_TOPICS;

/** Where a link to a section of the « Aide » page goes: the page, scrolled to the section (hash router: `#/aide#…`). */
export function helpLocation(topic: HelpTopic): RouteLocationRaw {
  return { path: HELP_PATH, hash: `#${HELP_TOPICS[topic].anchor}` };
}
