import { shellFr } from './fr-app';
import { attestationsFr } from './fr-attestations';
import { campaignsFr } from './fr-campaigns';
import { checksFr } from './fr-checks';
import { dataFr } from './fr-data';
import { declarationsFr } from './fr-declarations';
import { exportsFr } from './fr-exports';
import { helpFr } from './fr-help';
import { aboutFr, demoFr, homeFr, tablesFr } from './fr-home';
import { jobsFr } from './fr-jobs';
import { mapFr } from './fr-map';
import { observatoryFr } from './fr-observatory';
import { settingsFr } from './fr-settings';
import { statsFr } from './fr-stats';

/**
 * Every French text of the interface, assembled from one file per page (and one for the shell): `t('map.title')`
 * reads `mapFr.title`. vue-i18n reserves `{ } @ | $` in messages: `|` separates plural forms, `{name}` interpolates;
 * numbers are formatted before interpolation with `@shared/util/format`.
 */
export const fr = {
  ...shellFr,
  help: helpFr,
  home: homeFr,
  demo: demoFr,
  jobs: jobsFr,
  data: dataFr,
  tables: tablesFr,
  stats: statsFr,
  campaigns: campaignsFr,
  exports: exportsFr,
  about: aboutFr,
  observatory: observatoryFr,
  checks: checksFr,
  map: mapFr,
  attestations: attestationsFr,
  declarations: declarationsFr,
  settings: settingsFr,
};

/** Shape of the messages, the schema `createI18n` is typed with. */
export type MessageSchema = typeof fr;
