import { createI18n } from 'vue-i18n';
import { fr, type MessageSchema } from './fr';

/** The only locale: the interface is French, its numbers and dates formatted the French way. */
export const LOCALE = 'fr-FR';

const numberFormats = {
  [LOCALE]: {
    percent: { style: 'percent', maximumFractionDigits: 0 },
  },
} as const;

/** Builds the vue-i18n instance (Composition API mode); a function so that each test gets a fresh one. */
export function createAppI18n() {
  return createI18n<[MessageSchema], typeof LOCALE, false>({
    legacy: false,
    locale: LOCALE,
    fallbackLocale: LOCALE,
    messages: { [LOCALE]: fr },
    numberFormats,
  });
}
