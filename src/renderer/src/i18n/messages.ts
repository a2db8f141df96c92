import { useI18n } from 'vue-i18n';
import type { MessageSchema } from './fr';

/** Dotted path of every leaf of a message tree: `'stats.title'`, `'map.weekdays.1.short'`… */
type LeafPaths<T> = {
  [K in keyof T & (string | number)]: T[K] extends string ? `${K}` : T[K] extends Record<string | number, unknown> ? `${K}.${LeafPaths<T[K]>}` : never;
}[keyof T & (string | number)];

/** A key of a French message that exists: `t('stats.titel')` does not compile. */
export type MessageKey = LeafPaths<MessageSchema>;

/** Named values interpolated into a message (`{count}`, `{name}`…), already formatted where they are numbers to show. */
export type MessageValues = Record<string, unknown>;

/**
 * `t` restricted to existing keys. vue-i18n's own `t` accepts any string (its key type only offers completions), so
 * a misspelt key compiles and shows the raw key to the user; this one is checked by vue-tsc, in templates too.
 */
export interface Translate {
  (key: MessageKey): string;
  /** Plural choice by `count` (« aucun | un | plusieurs », French rule of `frenchPluralChoice`), `{count}` and `{n}` set. */
  (key: MessageKey, count: number): string;
  (key: MessageKey, values: MessageValues): string;
  (key: MessageKey, values: MessageValues, count: number): string;
}

/** The page's translation functions, with checked keys. */
export interface Messages {
  t: Translate;
  /**
   * Whether a key built at run time from data (a status, a check code…) has a message: narrows it to a
   * `MessageKey`, so that values without a translation can be shown as they are.
   */
  known(key: string): key is MessageKey;
}

/** The French messages of the interface, for a component's setup (global scope: one locale, one message tree). */
export function useMessages(): Messages {
  const { t, te } = useI18n();
  return {
    t: t as Translate,
    known: (key: string): key is MessageKey => te(key),
  };
}
