import { readFileSync } from 'node:fs';
import { atelier, expect, test } from '../fixtures/app-server';
import { seriousViolations } from '../fixtures/axe';
import { HomePage } from '../fixtures/home-page';

/** A number as the UI writes it (French digit grouping, decimal comma, units) → number. */
function frenchNumber(text: string): number {
  return Number(text.replace(/[^\d,-]/g, '').replace(',', '.'));
}

test.describe('Accueil « Mon territoire »', () => {
  test('sur la démo, le territoire se choisit au clavier et ses chiffres mènent aux pages qui les expliquent', async ({ page, storeAddress, startApp }) => {
    // `atelier demo` loads the journeys and builds the statistics and map aggregates, as the app does after a sync.
    atelier('demo', '--db', storeAddress, '--trips', '3000', '--seed', '3');
    const app = await startApp();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const home = new HomePage(page);
    await home.open(app.launchUrl);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon territoire');
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard only: the name typed, then down the list to « Nantes Métropole — AOM », Enter.
    const search = page.getByRole('combobox', { name: /rechercher un territoire/i });
    await search.fill('Nantes');
    const options = page.getByRole('option');
    await expect(options.first()).toBeVisible();
    await expect(page.getByTestId('territory-search-status')).toHaveText(/territoires? trouvés?/);
    const index = (await options.allInnerTexts()).findIndex((text) => /Nantes Métropole — AOM/.test(text));
    expect(index).toBeGreaterThanOrEqual(0);
    for (let step = 0; step <= index; step += 1) await search.press('ArrowDown');
    await search.press('Enter');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon territoire : Nantes Métropole');
    const journeysFigure = page.getByTestId('figure-journeys');
    const journeys = frenchNumber(await journeysFigure.getByTestId('figure-value').innerText());
    expect(journeys).toBeGreaterThan(0);
    await expect(journeysFigure.getByTestId('figure-trend')).toHaveText(/un an plus tôt|pas de comparaison sur un an/);
    await expect(page.getByTestId('main-flow').first()).toBeVisible();
    await expect(page.getByTestId('operator-share').first()).toBeVisible();
    await expect(page.getByTestId('comparable-paid').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // The figure links to Statistiques on the same territory and period, which gives the same number.
    await journeysFigure.getByRole('link').click();
    await expect(page.getByTestId('stats-heading')).toContainText('Nantes Métropole');
    expect(frenchNumber(await page.getByTestId('key-journeys').locator('.key-figure__value').innerText())).toBe(journeys);

    // The flows link to the map of the territory.
    await page.goBack();
    await page.getByTestId('flows-map-link').click();
    await expect(page).toHaveURL(/#\/carte\?level=aom&code=244400404&from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/);
    await expect(page.getByTestId('map-heading')).toContainText('Nantes Métropole');

    // The choice is remembered: the home page opens on it.
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Accueil', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon territoire : Nantes Métropole');
    expect(consoleErrors).toEqual([]);
  });

  test('trois clics mènent de l’accueil à une campagne simulée sur les trajets du territoire, au résultat non nul', async ({ page, storeAddress, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '3000', '--seed', '3');
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);

    // 1. The busiest AOM of the store, suggested to whoever does not know its name.
    await page.getByTestId(/^territory-suggestion-aom-/).first().click();
    await expect(page.getByTestId('headline-figures')).toBeVisible();
    // 2. A comparable campaign turned into a draft for that territory and the store's period.
    await page.getByRole('button', { name: 'Préparer ce brouillon' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Campagnes');
    await expect(page.getByTestId('draft-notice')).toBeVisible();
    // 3. The simulation, checked before it runs.
    await page.getByTestId('simulation-submit').click();

    const answer = page.getByTestId('simulation-answer');
    // The page says at once what it does, from the click on: checking, starting, then the job's progress.
    await expect(page.getByTestId('simulation-status').or(page.getByTestId('job-progress')).or(answer).first()).toBeVisible();
    // The answer comes at the end of a job (a store simulation, its blocks built first): longer on a loaded machine.
    await expect(answer).toBeVisible({ timeout: 45_000 });
    await expect(page.getByTestId('preflight-alert')).toHaveCount(0);
    expect(frenchNumber(await answer.getByTestId('answer-amount').innerText())).toBeGreaterThan(0);
    expect(frenchNumber(await answer.getByTestId('answer-paid').innerText())).toBeGreaterThan(0);
    expect(frenchNumber(await answer.getByTestId('answer-drivers').innerText())).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('le rapport d’une page s’écrit en PDF depuis l’accueil', async ({ page, storeAddress, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '3000', '--seed', '3');
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);
    await page.getByTestId(/^territory-suggestion-aom-/).first().click();

    const report = page.getByTestId('territory-report');
    await report.getByRole('button', { name: 'Rapport d’une page (PDF)' }).click();
    const progress = report.getByTestId('job-progress');
    await expect(progress).toHaveAttribute('data-status', 'done');
    const file = (await progress.getByTestId('job-detail').innerText()).replace(/^Fichier : /, '');
    expect(file).toMatch(/\.pdf$/);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  test('un nouveau venu charge la démo depuis l’accueil puis voit son territoire en un clic', async ({ page, startApp }) => {
    const app = await startApp();
    const home = new HomePage(page);
    await home.open(app.launchUrl);
    await expect(page.getByTestId('demo-offer')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel(/nombre de trajets/i).fill('3000');
    await page.getByRole('button', { name: /charger les données de démonstration/i }).click();
    await expect(home.jobProgress()).toHaveAttribute('data-status', 'done');
    // The statistics are computed right after the load: the busiest territories are suggested once they are.
    await page.getByTestId(/^territory-suggestion-aom-/).first().click();
    expect(frenchNumber(await page.getByTestId('figure-journeys').getByTestId('figure-value').innerText())).toBeGreaterThan(0);
  });

  test('« À propos / diagnostic » montre la base et ses comptes après « atelier demo »', async ({ page, storeAddress, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '1500', '--seed', '7');
    const app = await startApp();
    const home = new HomePage(page);
    await home.open(app.launchUrl);
    await home.openAbout();

    await expect(page.getByTestId('store-info')).toContainText(storeAddress);
    expect(await home.count('trips')).toBe(1500);
    expect(await home.count('operators')).toBe(4);
    expect(await home.count('audit_log')).toBe(1);
    // French digit grouping, as the UI formats every number.
    await expect(home.countCell('trips')).toHaveText(/^1[\s\u202f\u00a0]500$/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('l’en-tête DSFR et la navigation mènent à chaque page', async ({ page, startApp }) => {
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);
    await expect(page.locator('header')).toContainText('Atelier Covoiturage');
    for (const label of ['Données', 'Campagnes', 'Contrôles', 'Statistiques', 'Exports', 'Observatoire']) {
      await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: label, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText(label);
    }
  });
});
