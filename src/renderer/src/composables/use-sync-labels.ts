import { useMessages } from '@renderer/i18n/messages';
import { formatDate } from '@shared/util/format';

/** French labels of what the sync log and the coverage show: formats, batch statuses, trip statuses, periods. */
export function useSyncLabels() {
  const { t, known } = useMessages();

  /** Known machine names get their French label; an unknown one is shown as is rather than hidden. */
  function label(group: 'data.formats' | 'data.batchStatus' | 'data.tripStatus', name: string): string {
    const key = `${group}.${name}`;
    return known(key) ? t(key) : name;
  }

  return {
    /** `territory+operator` → `export territoire + export opérateur`. */
    formatLabel: (format: string): string =>
      format
        .split('+')
        .map((part) => label('data.formats', part))
        .join(' + '),
    /** Status of an import batch: committed, running, cancelled, failed. */
    batchStatusLabel: (status: string): string => label('data.batchStatus', status),
    /** Registry status of journeys: ok, fraud_error, anomaly_error, pending, or `inconnu` for open data. */
    tripStatusLabel: (status: string): string => label('data.tripStatus', status),
    /**
     * Two calendar days (`2026-10-01`) → `du 01/10/2026 au 31/10/2026`; null when the period is unknown. A bare
     * day reads as UTC midnight, which is that same day in Paris (always ahead of UTC).
     */
    periodLabel: (from: string | null, to: string | null): string | null =>
      from && to ? t('data.periodRange', { from: formatDate(from), to: formatDate(to) }) : null,
  };
}
