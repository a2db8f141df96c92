import { useMessages, type MessageKey } from '@renderer/i18n/messages';
import type { JobKind, JobStatus } from '@shared/types/jobs';
import type { ProgressUnit } from '@shared/util/progress-units';

/** Message key of each job kind; a `Record` so that adding a kind without its label fails to compile. */
const KIND_KEYS: Record<JobKind, MessageKey> = {
  'demo.load': 'jobs.kinds.demoLoad',
  'extract.import': 'jobs.kinds.extractImport',
  'aom.import': 'jobs.kinds.aomImport',
  'stats.refresh': 'jobs.kinds.statsRefresh',
  'export.stats': 'jobs.kinds.exportStats',
  'export.trips': 'jobs.kinds.exportTrips',
  'export.apdf': 'jobs.kinds.exportApdf',
  'campaign.simulate': 'jobs.kinds.campaignSimulate',
  'campaign.explain': 'jobs.kinds.campaignExplain',
  'campaign.warm': 'jobs.kinds.campaignWarm',
  'checks.scan': 'jobs.kinds.checksScan',
  'export.cases': 'jobs.kinds.exportCases',
  'store.pseudonymise': 'jobs.kinds.storePseudonymise',
  'map.simulation-overlay': 'jobs.kinds.mapSimulationOverlay',
  'attestation.batch': 'jobs.kinds.attestationBatch',
  'declaration.import': 'jobs.kinds.declarationImport',
  'contours.import': 'jobs.kinds.contoursImport',
  'observatory.publish': 'jobs.kinds.observatoryPublish',
  'territory.report': 'jobs.kinds.territoryReport',
};

/** French labels of job kinds, statuses, step names and the units steps count in. */
export function useJobLabels() {
  const { t, known } = useMessages();
  return {
    kindLabel: (kind: JobKind): string => t(KIND_KEYS[kind]),
    statusLabel: (status: JobStatus): string => t(`jobs.status.${status}`),
    /** Steps are open-ended machine names: an untranslated one is shown as is rather than hidden. */
    stepLabel: (step: string): string => {
      const key = `jobs.steps.${step}`;
      return known(key) ? t(key) : step;
    },
    /** The unit's noun agreed with `count` (« 1 ligne », « 28 contrôles »). */
    unitLabel: (unit: ProgressUnit, count: number): string => t(`jobs.units.${unit}`, Math.round(count)),
  };
}
