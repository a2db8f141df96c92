import { createI18n } from 'vue-i18n';
import { fr, type MessageSchema } from './fr';

/** The only locale: the interface is French, its numbers and dates formatted the French way. */
export const LOCALE = 'fr-FR';

/**
 * French plural choice: 0 and 1 take the singular (« 0 trajet », « 1 trajet », « 2 trajets »), unlike vue-i18n's
 * English default, which puts 0 in the plural of two-form messages. With three forms the first is for zero
 * (« aucun trajet | {count} trajet | {count} trajets »).
 */
export function frenchPluralChoice(choice: number, choicesLength: number): number {
  const count = Math.abs(choice);
  if (choicesLength === 2) return count < 2 ? 0 : 1;
  return count === 0 ? 0 : Math.min(count < 2 ? 1 : 2, choicesLength - 1);
}

/** Builds the vue-i18n instance (Composition API mode); a function so that each test gets a fresh one. */
export function createAppI18n() {
  return createI18n<[MessageSchema], typeof LOCALE, false>({
    legacy: false,
    locale: LOCALE,
    fallbackLocale: LOCALE,
    messages: { [LOCALE]: fr },
    pluralRules: { [LOCALE]: frenchPluralChoice },
  });
}
