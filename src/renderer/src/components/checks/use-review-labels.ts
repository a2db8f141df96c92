import { useMessages } from '@renderer/i18n/messages';

/** French labels shared by the queue and the detail views: registry status and origin → destination. */
export function useReviewLabels() {
  const { t, known } = useMessages();
  const none = (): string => t('checks.none');
  return {
    none,
    /** Registry status in French; an unknown one is shown as is rather than hidden. */
    statusLabel: (value: string | null): string => {
      if (value === null) return none();
      const key = `data.tripStatus.${value}`;
      return known(key) ? t(key) : value;
    },
    /** `Nantes → Ancenis`, falling back on INSEE codes when a commune has no known name. */
    routeLabel: (row: { startCommune: string | null; endCommune: string | null; startInsee?: string | null; endInsee?: string | null }): string =>
      `${row.startCommune ?? row.startInsee ?? none()} → ${row.endCommune ?? row.endInsee ?? none()}`,
  };
}
