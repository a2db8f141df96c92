import type { Page } from '@playwright/test';
import { atelier, expect, storeRows, test } from '../fixtures/app-server';
import { seriousViolations, unnamedCharts } from '../fixtures/axe';
import { HomePage } from '../fixtures/home-page';
import { cutSelects, unreachableScrollers } from '../fixtures/layout';
import { checkThroughLabel } from '../fixtures/dsfr-inputs';

/** One SQL query on the store, its first value. */
const sql = (storeAddress: string, query: string): string => storeRows(storeAddress, query).join('\n');

/** Goes to a page of the main menu by its link, as a user does, and waits for its title. */
async function openPage(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(label);
}

/**
 * Opens every closed disclosure of the page (a chart's data, a plot's coordinates, the legend of the checks) as a
 * user does, those that opening others reveals included, so that what they hold is checked too.
 */
async function openDisclosures(page: Page): Promise<void> {
  const closed = page.locator('main details:not([open]) > summary:visible');
  // Bounded: a disclosure that would not open must fail the walk, not loop.
  for (let clicks = 0; (await closed.count()) > 0; clicks += 1) {
    expect(clicks, 'une section repliée ne s’ouvre pas').toBeLessThan(50);
    await closed.first().click();
  }
}

/** The desktop window's default width, then its smallest (src/main/app/window.ts), where wide tables scroll. */
const WIDTHS = [1280, 900] as const;

/**
 * The page as shown, its disclosures opened, checked softly so that one run names every state that fails (the state
 * is the message): axe-core's serious and critical violations and the charts without a name or a summary at the
 * default width, and at both widths the selects whose chosen option is cut and the scrolling regions a keyboard
 * cannot reach. Ends at the default width.
 */
async function expectAccessible(page: Page, state: string): Promise<void> {
  await openDisclosures(page);
  expect.soft(await seriousViolations(page), state).toEqual([]);
  expect.soft(await unnamedCharts(page), `${state}, graphiques sans nom ou sans résumé`).toEqual([]);
  for (const width of [...WIDTHS].reverse()) {
    await page.setViewportSize({ width, height: 900 });
    expect.soft(await cutSelects(page), `${state}, listes coupées à ${width} px`).toEqual([]);
    expect.soft(await unreachableScrollers(page), `${state}, défilement hors d’atteinte du clavier à ${width} px`).toEqual([]);
  }
}

test.describe('Accessibilité', () => {
  // One store for every page: the walk checks each page in its main states (results, detail open, forms, tabs).
  test.setTimeout(300_000);
  // A step that cannot happen fails in seconds, not at the end of the walk's long budget.
  test.use({ actionTimeout: 15_000 });

  test('chaque page, dans chacun de ses états principaux, est sans violation grave ni critique (axe-core, WCAG 2.1 AA)', async ({ page, storeAddress, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '3000', '--seed', '3');
    // A journey inside Nantes Métropole, the territory simulated below: its explanation is shown.
    const journeyId = sql(storeAddress, "SELECT journey_id FROM trips WHERE start_aom = '244400404' AND end_aom = '244400404' AND status = 'ok' ORDER BY distance_m DESC LIMIT 1");
    const app = await startApp();
    await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    await new HomePage(page).open(app.launchUrl);

    await test.step('Accueil', async () => {
      await expectAccessible(page, 'Accueil sans territoire');
      await page.getByTestId('territory-suggestion-aom-244400404').click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon territoire : Nantes Métropole');
      await expect(page.getByTestId('main-flow').first()).toBeVisible();
      await expectAccessible(page, 'Accueil, territoire choisi');
      // Below 992 px the DSFR header folds its navigation into a dialog opened by « Menu ».
      await page.setViewportSize({ width: WIDTHS[1], height: 900 });
      await page.getByRole('button', { name: 'Menu', exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect.soft(await seriousViolations(page), `menu ouvert à ${WIDTHS[1]} px`).toEqual([]);
      await page.getByRole('dialog').getByRole('button', { name: 'Fermer' }).click();
      await expect(page.getByRole('dialog')).toBeHidden();
      await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    });

    await test.step('Campagnes', async () => {
      await page.getByRole('button', { name: 'Préparer ce brouillon' }).first().click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Campagnes');
      await expect(page.getByTestId('draft-notice')).toBeVisible();
      await expectAccessible(page, 'Campagnes, Simuler (brouillon)');
      await page.getByTestId('simulation-submit').click();
      await expect(page.getByTestId('simulation-answer')).toBeVisible();
      await expectAccessible(page, 'Campagnes, réponse de la simulation');
      const tab = (name: string) => page.getByRole('tab', { name, exact: true });
      await tab('Résultats').click();
      await expect(page.getByTestId('simulation-result')).toBeVisible();
      await expectAccessible(page, 'Campagnes, Résultats');
      const explainer = page.getByTestId('trip-explainer');
      await explainer.getByTestId('explain-journey').fill('1');
      await explainer.getByTestId('explain-submit').click();
      await expect(explainer.getByTestId('api-error')).toBeVisible();
      await expectAccessible(page, 'Campagnes, trajet absent de la simulation');
      await explainer.getByTestId('explain-journey').fill(journeyId);
      await explainer.getByTestId('explain-submit').click();
      await expect(explainer.getByTestId('explanation')).toContainText(`Trajet ${journeyId}`);
      await expectAccessible(page, 'Campagnes, explication d’un trajet');
      await tab('Catalogue').click();
      await expect(page.getByTestId('catalogue-row').first()).toBeVisible();
      await expectAccessible(page, 'Campagnes, Catalogue');
      await page.getByTestId('clone-1').click();
      await expect(tab('Éditeur')).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByTestId('editor-status')).toBeVisible();
      await expectAccessible(page, 'Campagnes, Éditeur');
    });

    await test.step('Données', async () => {
      await openPage(page, 'Données');
      await expectAccessible(page, 'Données');
    });

    await test.step('Contrôles', async () => {
      await openPage(page, 'Contrôles');
      const rows = page.getByTestId('queue-row');
      await expect(rows.first()).toBeVisible();
      await expectAccessible(page, 'Contrôles, file des trajets et légende');
      await rows.first().getByTestId('queue-select').check({ force: true });
      await expect(page.getByTestId('decision-form')).toBeVisible();
      await expectAccessible(page, 'Contrôles, décision sur la sélection');
      await page.getByTestId('queue-clear-selection').click();
      await page.getByTestId('queue-kind-persons').check({ force: true });
      await expect(rows.first().getByTestId('queue-open')).toHaveAttribute('title', /.+/);
      await expectAccessible(page, 'Contrôles, file des personnes');
      await page.getByTestId('queue-kind-journeys').check({ force: true });
      await expect(rows.first().getByTestId('queue-open')).not.toHaveAttribute('title');

      await rows.first().getByTestId('queue-open').click();
      const journey = page.getByTestId('journey-detail');
      await expect(journey.getByTestId('journey-plot-svg')).toBeVisible();
      await expectAccessible(page, 'Contrôles, détail d’un trajet');
      await checkThroughLabel(journey.getByTestId('decision-radio-confirmed'));
      await journey.getByTestId('decision-submit').click();
      await expect(journey.getByTestId('decision-comment-error')).toBeVisible();
      await expectAccessible(page, 'Contrôles, décision sans commentaire');
      await journey.locator('textarea[data-testid=decision-comment], [data-testid=decision-comment] textarea').fill('Vérifié avec l’opérateur');
      await journey.getByTestId('decision-submit').click();
      await expect(journey.getByTestId('decision-done')).toBeVisible();
      await expectAccessible(page, 'Contrôles, décision enregistrée et son historique');
      await journey.getByTestId('fact-driver').click();
      const person = page.getByTestId('person-detail');
      await expect(person.getByRole('heading', { level: 2 })).toBeVisible();
      await expectAccessible(page, 'Contrôles, détail d’une personne');
      await page.getByTestId('detail-back').click();
      await page.getByTestId('detail-back').click();

      await page.getByRole('tab', { name: 'Analyses', exact: true }).click();
      await page.locator('[data-testid^="check-show-"]:not([disabled])').first().click();
      await expect(page.getByTestId('flag-row').first()).toBeVisible();
      await expectAccessible(page, 'Contrôles, Analyses et signalements d’un contrôle');
      await page.getByRole('tab', { name: 'Paramètres', exact: true }).click();
      await expect(page.getByTestId('check-disabled-T07')).toBeVisible();
      await expectAccessible(page, 'Contrôles, Paramètres');
    });

    await test.step('Statistiques', async () => {
      await openPage(page, 'Statistiques');
      await expect(page.getByTestId('key-journeys')).toContainText(/\d/);
      await expect(page.getByTestId('chart-weekdays')).toBeVisible();
      // Every chart's data table is opened by expectAccessible.
      await expectAccessible(page, 'Statistiques, résultats et tableaux des graphiques');
    });

    await test.step('Carte', async () => {
      await openPage(page, 'Carte');
      const flows = page.getByTestId('map-flows-table-row');
      await expect(flows.first()).toBeVisible();
      await expect.poll(async () => Number((await page.getByTestId('map-canvas').getAttribute('data-drawn')) ?? 0)).toBeGreaterThan(0);
      await expectAccessible(page, 'Carte dessinée, tableau des flux');
      await page.getByRole('tab', { name: /^Lieux \(/ }).click();
      await expect(page.getByTestId('map-places-table-row').first()).toBeVisible();
      await expectAccessible(page, 'Carte, tableau des lieux');
      await page.getByRole('tab', { name: /^Flux \(/ }).click();
      await flows.first().locator('th button').click();
      await expect(page.getByTestId('map-selection-name')).toContainText('→');
      await expectAccessible(page, 'Carte, un flux choisi');
    });

    await test.step('Exports', async () => {
      await openPage(page, 'Exports');
      await page.getByTestId('trip-export-submit').click();
      await expect(page.getByTestId('trip-export').getByTestId('job-progress')).toHaveAttribute('data-status', 'done');
      await expect(page.getByTestId('export-row').first()).toBeVisible();
      await expectAccessible(page, 'Exports, après un export');
    });

    await test.step('Attestations', async () => {
      await openPage(page, 'Attestations');
      await expectAccessible(page, 'Attestations');
    });

    await test.step('Déclarations', async () => {
      await openPage(page, 'Déclarations');
      await expect(page.getByTestId('declarations-form')).toBeVisible();
      await expectAccessible(page, 'Déclarations, formulaire');
      // Sent empty: refused, each missing field saying why under it.
      await page.getByTestId('declare-submit').click();
      await expect(page.getByTestId('declare-result')).toHaveAttribute('data-outcome', 'rejected');
      await expectAccessible(page, 'Déclarations, formulaire refusé');
    });

    await test.step('Observatoire', async () => {
      await openPage(page, 'Observatoire');
      await expect(page.getByTestId('evolution-withCampaign')).toBeVisible();
      await expectAccessible(page, 'Observatoire');
    });

    await test.step('À propos et Aide', async () => {
      await new HomePage(page).openAbout();
      await expectAccessible(page, 'À propos');
      await page.getByTestId('footer-help').click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aide');
      await expectAccessible(page, 'Aide');
    });

    await test.step('Paramètres', async () => {
      await page.getByRole('banner').getByRole('link', { name: 'Paramètres' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paramètres');
      await page.getByTestId('store-engine-postgres').check({ force: true });
      await expect(page.getByTestId('store-server')).toBeVisible();
      await expectAccessible(page, 'Paramètres, base partagée');
    });
  });
});
