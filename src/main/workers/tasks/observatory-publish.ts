import type { ObservatoryIndicators } from '../../../shared/types/territory';
import { writeObservatorySite } from '../../exports/observatory-site';
import type { TaskContext } from './task-context';

/** What `observatory.publish` is started with: the indicators (computed on the main thread) and where to write. */
export interface ObservatoryPublishParams {
  indicators: ObservatoryIndicators;
  /** Folder written (new): the service renames it to its final name once complete, or removes it. */
  stagingDir: string;
  /** ISO instant printed at the foot of the page. */
  generatedAt: string;
}

/** The site written: its files (relative paths) and their bytes. */
export type ObservatoryPublishSummary = {
  files: string[];
  bytes: number;
};

/** Writes the observatory's static site (page, inline SVG charts, DSFR styles and fonts) into the staging folder. */
export async function observatoryPublish(params: ObservatoryPublishParams, context: TaskContext): Promise<ObservatoryPublishSummary> {
  const written = await writeObservatorySite(params.indicators, params.stagingDir, params.generatedAt, (step, files) => {
    context.signal.throwIfAborted();
    context.progress(step, files, 0);
  });
  return { files: written.files, bytes: written.bytes };
}
