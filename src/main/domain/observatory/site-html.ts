import type { ObservatoryIndicators } from '../../../shared/types/territory';
import { formatCents, formatDateTime, formatDay, formatInteger, formatMonth, formatPercent, formatTwoDecimals } from '../../../shared/util/format';
import { barChartSvg, escapeXml, type BarChart } from './svg-charts';

/** DSFR colours of the charts: bleu France and its lighter main tint (both ≥ 3:1 on white). */
const BLUE = '#000091';
const LIGHT_BLUE = '#6a6af4';

/** The site's own stylesheet: key-figure cards, charts and page frame, over the DSFR core styles. */
export const OBSERVATORY_CSS = `/* Observatoire du covoiturage : mise en page, par-dessus les styles du DSFR (assets/dsfr). */
.obs-header { border-bottom: 1px solid #dddddd; padding: 1rem 0; }
.obs-header__service { font-weight: 700; font-size: 1.25rem; margin: 0; }
.obs-header__tagline { margin: 0; color: #3a3a3a; }
.obs-skiplink { position: absolute; left: -10000px; }
.obs-skiplink:focus { position: static; }
.obs-main { padding-top: 2rem; padding-bottom: 3rem; }
.obs-figures { list-style: none; padding: 0; margin: 0 0 2rem; display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem; }
.obs-figure { border: 1px solid #dddddd; border-bottom: 4px solid ${BLUE}; padding: 1rem 1.25rem; margin: 0; }
.obs-figure__value { font-size: 2rem; font-weight: 700; line-height: 2.5rem; margin: 0; color: ${BLUE}; }
.obs-figure__label { font-weight: 700; margin: 0; }
.obs-figure__hint { font-size: 0.875rem; color: #3a3a3a; margin: 0.25rem 0 0; }
.obs-section { margin-top: 3rem; }
.obs-chart { margin: 1rem 0; }
.obs-chart__svg { display: block; max-width: 48rem; height: auto; }
.obs-chart figcaption { font-size: 0.875rem; color: #3a3a3a; }
.obs-footer { border-top: 1px solid #dddddd; padding: 1.5rem 0; font-size: 0.875rem; color: #3a3a3a; }
`;

/** The stylesheets the page links, relative to `index.html`, in order. */
export interface SiteStylesheets {
  /** DSFR stylesheets copied into the site (core, table…). */
  dsfr: readonly string[];
  /** The site's own (`OBSERVATORY_CSS`). */
  own: string;
}

const shortMonth = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: '2-digit', timeZone: 'UTC' });

/** `2026-09` → `sept. 26`, for chart labels. */
function monthLabel(month: string): string {
  return shortMonth.format(new Date(`${month}-01T00:00:00Z`));
}

/** A count as published: `12 345`, or `moins de 6` when hidden under the threshold. */
function count(value: number | null, minCount: number): string {
  return value === null ? `moins de ${formatInteger(minCount)}` : formatInteger(value);
}

/** A DSFR table (wrapper markup of DSFR 1.13) with its caption, column headers and rows of already escaped cells. */
function table(caption: string, headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const head = headers.map((header) => `<th scope="col">${escapeXml(header)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, index) => (index === 0 ? `<th scope="row">${cell}</th>` : `<td>${cell}</td>`)).join('')}</tr>`).join('');
  return (
    '<div class="fr-table fr-table--sm"><div class="fr-table__wrapper"><div class="fr-table__container"><div class="fr-table__content">' +
    `<table><caption>${escapeXml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>` +
    '</div></div></div></div>'
  );
}

/** A chart and the sentence under it. */
function figure(chart: BarChart, caption: string): string {
  return `<figure class="obs-chart">${barChartSvg(chart)}<figcaption>${escapeXml(caption)}</figcaption></figure>`;
}

/** One key figure card. */
function keyFigure(value: string, label: string, hint: string): string {
  return `<li class="obs-figure"><p class="obs-figure__value">${escapeXml(value)}</p><p class="obs-figure__label">${escapeXml(label)}</p><p class="obs-figure__hint">${escapeXml(hint)}</p></li>`;
}

/** Levels of a territory, to name one the geography does not: `AOM 244400404`. */
const LEVEL_WORDS: Readonly<Record<NonNullable<ObservatoryIndicators['territory']>['level'], string>> = {
  com: 'commune', epci: 'EPCI', aom: 'AOM', dep: 'département', reg: 'région',
};

/** The scope in French: the territory's name (or level and code), or the whole store. */
export function scopeName(indicators: Pick<ObservatoryIndicators, 'territory'>): string {
  const { territory } = indicators;
  if (territory === null) return 'toutes les données de la base';
  return territory.name ?? `${LEVEL_WORDS[territory.level]} ${territory.code}`;
}

/** `+12,5 %`, `−3 %`, or `non calculable`. */
function changeText(change: number | null): string {
  if (change === null) return 'non calculable';
  return `${change > 0 ? '+' : ''}${formatPercent(change)}`;
}

/**
 * The observatory's page (`index.html`): French, accessible (language, skip link, landmarks, one h1 and h2 per
 * section, table captions and header cells, charts as `role="img"` SVG with title and description and their data in a
 * table beside), no script and no address outside the site (a Content-Security-Policy forbids any). `generatedAt` is
 * an ISO instant.
 */
export function observatoryPage(indicators: ObservatoryIndicators, stylesheets: SiteStylesheets, generatedAt: string): string {
  const { minCount } = indicators;
  const scope = scopeName(indicators);
  const period = `du ${formatDay(indicators.from)} au ${formatDay(indicators.to)}`;
  const hidden = `non publié sous ${formatInteger(minCount)} (seuil de confidentialité)`;
  const figureHint = (value: number | null, hint: string): string => (value === null ? hidden : hint);
  const figures = [
    keyFigure(count(indicators.journeys, minCount), 'trajets', figureHint(indicators.journeys, 'couples conducteur–passager validés')),
    keyFigure(count(indicators.carpools, minCount), 'covoiturages', figureHint(indicators.carpools, 'trajets en voiture : un conducteur et ses passagers')),
    keyFigure(count(indicators.carpoolers, minCount), 'covoitureurs', figureHint(indicators.carpoolers, 'conducteurs et passagers distincts de chaque mois, additionnés')),
    keyFigure(formatInteger(indicators.operatorsSendingProofs), 'opérateurs envoient des preuves', 'au moins un trajet pendant la période'),
    keyFigure(formatInteger(indicators.authoritiesWithCampaign.length), 'autorités mènent une campagne', 'une campagne a versé des incitations du registre'),
    keyFigure(formatInteger(indicators.attestationsIssued), 'attestations de covoiturage', 'délivrées pendant la période'),
    keyFigure(`${formatTwoDecimals(indicators.co2Tonnes)} t`, 'de CO₂ évitées', 'méthode ci-dessous'),
  ];

  const months = indicators.months;
  const monthsChart = figure(
    {
      id: 'graphique-mois',
      title: 'Trajets et covoiturages par mois',
      description: `Barres par mois ${period} : trajets et covoiturages ; les valeurs sont dans le tableau qui suit.`,
      categories: months.map((row) => monthLabel(row.month)),
      series: [
        { name: 'Trajets', values: months.map((row) => row.journeys), color: BLUE },
        { name: 'Covoiturages', values: months.map((row) => row.carpools), color: LIGHT_BLUE },
      ],
    },
    'Trajets (couples conducteur–passager) et covoiturages (voitures) partant ou arrivant dans le territoire, par mois de départ.',
  );
  const monthsTable = table(
    'Trajets et covoiturages par mois',
    ['Mois', 'Trajets', 'Covoiturages'],
    months.map((row) => [escapeXml(formatMonth(row.month)), escapeXml(count(row.journeys, minCount)), escapeXml(count(row.carpools, minCount))]),
  );
  const operatorsChart = figure(
    {
      id: 'graphique-operateurs',
      title: 'Opérateurs qui envoient des preuves, par mois',
      description: `Barres par mois ${period} : nombre d’opérateurs ayant déclaré au moins un trajet ; les valeurs sont dans le tableau qui suit.`,
      categories: indicators.operatorsByMonth.map((row) => monthLabel(row.month)),
      series: [{ name: 'Opérateurs', values: indicators.operatorsByMonth.map((row) => row.operators), color: BLUE }],
    },
    'Opérateurs de covoiturage ayant envoyé au moins une preuve de trajet au registre dans le mois.',
  );
  const operatorsTable = table(
    'Opérateurs qui envoient des preuves, par mois',
    ['Mois', 'Opérateurs'],
    indicators.operatorsByMonth.map((row) => [escapeXml(formatMonth(row.month)), escapeXml(formatInteger(row.operators))]),
  );

  const { evolution } = indicators;
  let evolutionBlock: string;
  if (evolution.firstMonth === null || evolution.lastMonth === null) {
    evolutionBlock = '<p>La période compte moins de deux mois complets : l’évolution n’est pas calculable.</p>';
  } else {
    const first = formatMonth(evolution.firstMonth);
    const last = formatMonth(evolution.lastMonth);
    const groups = [
      ['AOM avec une campagne', evolution.withCampaign],
      ['AOM sans campagne', evolution.withoutCampaign],
    ] as const;
    evolutionBlock =
      `<p>Covoiturages partant du territoire de chaque autorité organisatrice de la mobilité (AOM), en ${escapeXml(first)} puis en ${escapeXml(last)} : ` +
      'les AOM dont une campagne a versé des incitations du registre pendant la période, et les autres AOM de la base.</p>' +
      figure(
        {
          id: 'graphique-evolution',
          title: `Covoiturages en ${first} et en ${last}, selon que l’AOM mène une campagne ou non`,
          description: `Pour chaque groupe d’AOM, une barre par mois : ${first} puis ${last} ; les valeurs et l’évolution sont dans le tableau qui suit.`,
          categories: groups.map(([label]) => label),
          series: [
            { name: first, values: groups.map(([, group]) => group.first), color: LIGHT_BLUE },
            { name: last, values: groups.map(([, group]) => group.last), color: BLUE },
          ],
        },
        'Une évolution se lit avec prudence : le nombre d’AOM et d’opérateurs présents dans la base peut changer d’un mois à l’autre.',
      ) +
      table(
        `Covoiturages de ${first} et de ${last}, par groupe d’AOM`,
        ['Groupe', 'AOM', first, last, 'Évolution'],
        groups.map(([label, group]) => [
          escapeXml(label), escapeXml(formatInteger(group.aoms)), escapeXml(group.first === null ? `moins de ${formatInteger(minCount)}` : formatInteger(group.first)),
          escapeXml(group.last === null ? `moins de ${formatInteger(minCount)}` : formatInteger(group.last)), escapeXml(changeText(group.change)),
        ]),
      );
  }

  const authorities =
    indicators.authoritiesWithCampaign.length === 0
      ? '<p>Aucune campagne n’a versé d’incitation du registre sur les trajets de la période (ou seulement sous le seuil de confidentialité).</p>'
      : table(
          'Autorités dont une campagne a versé des incitations pendant la période',
          ['Autorité', 'Campagnes', 'Trajets incités', 'Montant versé'],
          indicators.authoritiesWithCampaign.map((row) => [escapeXml(row.authority), escapeXml(formatInteger(row.campaigns)), escapeXml(formatInteger(row.journeys)), escapeXml(formatCents(row.cents))]),
        );

  const links = [...stylesheets.dsfr, stylesheets.own].map((href) => `<link rel="stylesheet" href="${escapeXml(href)}">`).join('\n');
  const title = `Observatoire du covoiturage — ${scope}`;
  return `<!DOCTYPE html>
<html lang="fr" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:">
<title>${escapeXml(`${title} — ${period}`)}</title>
${links}
</head>
<body>
<a class="obs-skiplink fr-link" href="#contenu">Aller au contenu</a>
<header class="obs-header">
<div class="fr-container">
<p class="obs-header__service">Observatoire du covoiturage</p>
<p class="obs-header__tagline">Indicateurs d’impact tirés des preuves de covoiturage du registre</p>
</div>
</header>
<main id="contenu" class="fr-container obs-main">
<h1>${escapeXml(`Le covoiturage : ${scope}`)}</h1>
<p class="fr-text--lead">${escapeXml(`Période ${period}.`)}</p>
<section class="obs-section" aria-labelledby="chiffres-cles">
<h2 id="chiffres-cles">Chiffres clés</h2>
<ul class="obs-figures">
${figures.join('\n')}
</ul>
</section>
<section class="obs-section" aria-labelledby="par-mois">
<h2 id="par-mois">Trajets et covoiturages par mois</h2>
${monthsChart}
${monthsTable}
</section>
<section class="obs-section" aria-labelledby="operateurs">
<h2 id="operateurs">Opérateurs qui envoient des preuves</h2>
<p>${escapeXml(`${formatInteger(indicators.operatorsSendingProofs)} opérateur${indicators.operatorsSendingProofs > 1 ? 's ont' : ' a'} envoyé des preuves ${period}.`)}</p>
${operatorsChart}
${operatorsTable}
</section>
<section class="obs-section" aria-labelledby="evolution">
<h2 id="evolution">Le covoiturage là où une campagne paie, et ailleurs</h2>
${evolutionBlock}
</section>
<section class="obs-section" aria-labelledby="autorites">
<h2 id="autorites">Autorités qui mènent une campagne</h2>
${authorities}
</section>
<section class="obs-section" aria-labelledby="attestations">
<h2 id="attestations">Attestations de covoiturage</h2>
<p>${escapeXml(`${formatInteger(indicators.attestationsIssued)} attestation${indicators.attestationsIssued > 1 ? 's' : ''} de covoiturage délivrée${indicators.attestationsIssued > 1 ? 's' : ''} ${period} (pour le forfait mobilités durables, par exemple).`)}</p>
</section>
<section class="obs-section" aria-labelledby="methode">
<h2 id="methode">Méthode et définitions</h2>
<ul>
<li>${escapeXml('Trajet : un couple conducteur–passager déclaré par un opérateur et validé par le registre ; les trajets que l’instruction a confirmés comme frauduleux sont exclus.')}</li>
<li>${escapeXml('Covoiturage : un trajet en voiture, qui regroupe les trajets de ses passagers.')}</li>
<li>${escapeXml('Covoitureurs : conducteurs distincts et passagers distincts de chaque mois, additionnés sur les mois de la période.')}</li>
<li>${escapeXml(`CO₂ évité : ${indicators.co2Method}`)}</li>
<li>${escapeXml(`Confidentialité : les nombres de trajets, covoiturages et covoitureurs inférieurs à ${formatInteger(minCount)} ne sont pas publiés, ni les autorités ayant incité moins de ${formatInteger(minCount)} trajets.`)}</li>
</ul>
</section>
</main>
<footer class="obs-footer">
<div class="fr-container">
<p>${escapeXml(`Produit le ${formatDateTime(generatedAt)} par Atelier Covoiturage à partir des extraits du registre de preuve de covoiturage.`)}</p>
<p>${escapeXml('Styles et polices : Système de design de l’État (DSFR), licence MIT (assets/dsfr/LICENSE.md) ; la police Marianne est réservée aux sites de l’État.')}</p>
</div>
</footer>
</body>
</html>
`;
}
