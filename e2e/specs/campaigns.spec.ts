import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { atelier, expect, storeRows, test } from '../fixtures/app-server';
import { seriousViolations } from '../fixtures/axe';
import { HomePage } from '../fixtures/home-page';

/** One SQL query on the store, its first value. */
const sql = (storeAddress: string, query: string): string => storeRows(storeAddress, query).join('\n');

/** Template 1 adapted to the Région Pays de la Loire, where the demo journeys are. */
function definition(): Record<string, unknown> {
  const template = JSON.parse(readFileSync(join(__dirname, '../../resources/campaigns/1.json'), 'utf8')) as Record<string, unknown>;
  return { ...template, id: 'essai_pdl', name: 'Essai Pays de la Loire', status: 'campaign', territory: { reg: ['52'] }, window: { from: '2020-01-01', to: null }, budget_cents: null };
}

/** The page's serious or critical axe-core violations (WCAG 2.1 A and AA), named by rule and node. */
const pageViolations = (page: Page): Promise<string[]> => seriousViolations(page, '[data-testid="campaigns-page"]');

async function openCampaigns(page: Page, launchUrl: string): Promise<void> {
  await new HomePage(page).open(launchUrl);
  await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Campagnes', exact: true }).click();
  await expect(page.getByRole('tablist', { name: 'Sections de la page Campagnes' })).toBeVisible();
}

test.describe('Campagnes', () => {
  test('quatre onglets au clavier : catalogue lisible, définition écrite dans l’éditeur, simulée, résultats gardés au rechargement', async ({ page, storeAddress, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '2000', '--seed', '5');
    const app = await startApp();
    await openCampaigns(page, app.launchUrl);
    const tab = (name: string) => page.getByRole('tab', { name, exact: true });
    await expect(tab('Simuler')).toHaveAttribute('aria-selected', 'true');
    expect(await pageViolations(page)).toEqual([]);

    // The keyboard moves between tabs (arrows), as DSFR tabs do.
    await tab('Simuler').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(tab('Catalogue')).toHaveAttribute('aria-selected', 'true');
    await expect(tab('Catalogue')).toBeFocused();
    await expect(page).toHaveURL(/onglet=catalogue/);

    // The catalogue: territories by name, periods in French dates on one line.
    const rows = page.getByTestId('catalogue-row');
    await expect(rows).toHaveCount(46);
    const territories = await page.getByTestId('catalogue-territory').allInnerTexts();
    expect(territories.filter((text) => /\b(aom|epci|commune|département|région|pays|liste|codes)\b.*\d/i.test(text))).toEqual([]);
    await expect(rows.filter({ hasText: 'nantes_metropole_2024' }).getByTestId('catalogue-territory')).toHaveText('Nantes Métropole');
    for (const text of await page.getByTestId('catalogue-period').allInnerTexts()) {
      expect(text).toMatch(/^(du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4}|à partir du \d{2}\/\d{2}\/\d{4}|à choisir)$/);
    }
    const lineBoxes = await page.getByTestId('catalogue-period').evaluateAll((cells) => cells.map((cell) => cell.getClientRects().length));
    expect(new Set(lineBoxes)).toEqual(new Set([1]));
    expect(await pageViolations(page)).toEqual([]);

    // « Cloner » opens the editor; a valid definition goes to the form with « Simuler cette définition ».
    await page.getByTestId('clone-1').click();
    await expect(tab('Éditeur')).toHaveAttribute('aria-selected', 'true');
    await page.getByTestId('editor-text').fill(JSON.stringify(definition(), null, 2));
    await expect(page.getByTestId('editor-status')).toHaveText('Définition valide.');
    await expect(page.getByTestId('editor-preview').locator('canvas')).toBeVisible();
    expect(await pageViolations(page)).toEqual([]);
    await page.getByTestId('editor-simulate').click();
    await expect(tab('Simuler')).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('select[data-testid="simulation-campaign"]')).toHaveValue('__editor__');

    // Done, the results open by themselves.
    await page.getByTestId('simulation-submit').click();
    await expect(tab('Résultats')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('simulation-result')).toContainText('Essai Pays de la Loire');
    await expect(page.getByTestId('simulation-cost')).toContainText('€');
    await expect(page.getByTestId('saved-row')).toHaveCount(1);
    await expect(page).toHaveURL(/onglet=resultats&simulation=\d+/);
    expect(await pageViolations(page)).toEqual([]);

    // The editor kept its text across the switches; a reload reopens the results.
    await tab('Éditeur').click();
    await expect(page.getByTestId('editor-text')).toHaveValue(/"Essai Pays de la Loire"/);
    await tab('Résultats').click();
    await page.reload();
    await page.locator('html[data-app-ready="true"]').waitFor();
    await expect(tab('Résultats')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('simulation-result')).toContainText('Essai Pays de la Loire');
  });

  test('d’une simulation enregistrée : un trajet expliqué, une erreur de saisie dite une fois sans traitement en échec, le classeur APDF', async ({ page, storeAddress, storeDir, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '2000', '--seed', '5');
    const [from, to] = sql(storeAddress, 'SELECT min(substr(start_local, 1, 10)), max(substr(start_local, 1, 10)) FROM trips').split('|') as [string, string];
    const file = join(storeDir, 'campagne.json');
    writeFileSync(file, JSON.stringify(definition()));
    atelier('campaign', 'simulate', '--db', storeAddress, '--campaign', file, '--from', from, '--to', to);
    const app = await startApp();
    await openCampaigns(page, app.launchUrl);
    await page.getByRole('tab', { name: 'Résultats', exact: true }).click();
    await page.getByTestId('saved-row').first().getByRole('button', { name: 'Ouvrir' }).click();
    await expect(page.getByTestId('simulation-result')).toContainText('Essai Pays de la Loire');

    // A journey the simulation did not read: one message, and no job, so nothing failed on the home page.
    const explainer = page.getByTestId('trip-explainer');
    await explainer.getByTestId('explain-journey').fill('1');
    await explainer.getByTestId('explain-submit').click();
    await expect(explainer.getByTestId('api-error')).toContainText('Le trajet 1 ne fait pas partie de cette simulation : aucun trajet de la base ne porte cet identifiant du registre.');
    await expect(page.getByText('ne fait pas partie de cette simulation')).toHaveCount(1);
    await expect(explainer.getByTestId('job-progress')).toHaveCount(0);
    expect(sql(storeAddress, "SELECT count(*) FROM jobs WHERE kind = 'campaign.explain'")).toBe('0');

    // Why one journey got its amount: the simulation is replayed up to it in the worker.
    const journeyId = sql(storeAddress, "SELECT journey_id FROM trips WHERE status = 'ok' AND operator_class = 'C' AND distance_m BETWEEN 5000 AND 19000 LIMIT 1");
    await explainer.getByTestId('explain-journey').fill(journeyId);
    await explainer.getByTestId('explain-submit').click();
    await expect(explainer.getByTestId('explanation')).toContainText(`Trajet ${journeyId}`);
    await expect(explainer.getByTestId('explanation')).toContainText('éligible, 2,00');
    await expect(explainer.getByTestId('api-error')).toHaveCount(0);

    // The APDF workbook of an operator × month of this simulation, written by the export job.
    const apdf = page.getByTestId('simulation-apdf');
    await apdf.getByTestId('simulation-apdf-submit').click();
    const written = apdf.getByTestId('simulation-apdf-file');
    await expect(written).toContainText('Classeur écrit');
    const path = /: (\/.+\.xlsx)\./.exec(await written.innerText())?.[1] ?? '';
    expect(path).toMatch(/\/APDF-\d{4}-\d{2}-essai_pdl-.+\.xlsx$/);
    expect(existsSync(path)).toBe(true);
    expect(await pageViolations(page)).toEqual([]);
  });
});
