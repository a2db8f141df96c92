import type { Page } from '@playwright/test';
import { atelier, expect, test } from '../fixtures/app-server';
import { seriousViolations } from '../fixtures/axe';
import { HomePage } from '../fixtures/home-page';

/** An input by its test id (on the input or on its DSFR wrapper). */
const field = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);

/** A declared-trip file: two journeys accepted, one unknown commune, one date in the future, one repeated line. */
const FILE = [
  'date;heure de départ;commune de départ (INSEE);commune d’arrivée (INSEE);rôle (conducteur|passager);places;distance km;identifiant du déclarant;identifiant du covoitureur;commentaire',
  '14/10/2026;07:45;44109;44162;conducteur;2;9;agent-e2e;;domicile-travail',
  '14/10/2026;08:00;00000;44162;conducteur;1;9;agent-e2e-2;;',
  '01/01/2099;08:00;44109;44162;conducteur;1;9;agent-e2e-3;;',
  '14/10/2026;07:45;44109;44162;conducteur;2;9;agent-e2e;;domicile-travail',
  '15/10/2026;17:30;44162;44109;passager;1;;agent-e2e;;sans distance : estimée',
].join('\r\n');

test.describe('Déclarations', () => {
  test('un fichier déposé est accepté ou rejeté ligne à ligne, un trajet se déclare un à un ; la page est accessible', async ({ page, storeAddress, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '800', '--seed', '3');
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Déclarations', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déclarations');
    await expect(page).toHaveTitle('Déclarations — Atelier Covoiturage');
    expect(await seriousViolations(page)).toEqual([]);

    // The template, written to the exports folder.
    await page.getByTestId('declarations-template').click();
    await expect(page.getByTestId('declarations-template-written')).toContainText('modele-trajets-declares.csv');

    // A file dropped on the zone: read by the page, imported as a job, every row accounted for.
    // Written as page code (the specs are type-checked without the DOM's types): a drop carries a DataTransfer.
    const dataTransfer = await page.evaluateHandle(
      `(() => { const transfer = new DataTransfer(); transfer.items.add(new File([${JSON.stringify(`\uFEFF${FILE}`)}], 'trajets-octobre.csv', { type: 'text/csv' })); return transfer; })()`,
    );
    await page.getByTestId('declaration-drop-zone').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByTestId('declarations-upload-result')).toContainText('trajets-octobre.csv : 5 ligne(s) lue(s) — 2 acceptée(s), 1 déjà déclarée(s), 2 rejetée(s).');
    const report = page.getByTestId('declarations-report-table').locator('tbody tr');
    await expect(report).toHaveCount(3);
    await expect(report.nth(0)).toHaveAttribute('data-reason', 'unknown_commune');
    await expect(report.nth(0)).toContainText('commune de départ inconnue « 00000 »');
    await expect(report.nth(1)).toHaveAttribute('data-reason', 'date_in_future');
    await expect(report.nth(2)).toHaveAttribute('data-reason', 'duplicate_declared');
    await expect(report.nth(2)).toContainText('Déjà déclarée');
    await expect(page.getByTestId('declarations-trips-count')).toHaveText('2 trajets déclarés');
    await expect(page.getByTestId('declarations-trips-table')).toContainText('(estimée)');
    expect(await seriousViolations(page)).toEqual([]);

    // One journey in the form: the departure found by its name, the arrival typed as its INSEE code.
    await field(page, 'declare-date').fill('2026-10-20');
    await field(page, 'declare-time').fill('08:15');
    await field(page, 'declare-from').fill('Saint-Herbl');
    await page.getByTestId('declare-from-matches').getByRole('button', { name: /^Saint-Herblain \(44162\)/ }).click();
    await field(page, 'declare-to').fill('44109');
    await field(page, 'declare-distance').fill('9,5');
    await field(page, 'declare-declarant').fill('agent-e2e');
    await page.getByTestId('declare-submit').click();
    await expect(page.getByTestId('declare-result')).toHaveAttribute('data-outcome', 'accepted');
    await expect(page.getByTestId('declare-result')).toContainText('Trajet déclaré enregistré : Saint-Herblain → Nantes, le 20/10/2026 à 08:15, 9,5 km.');
    await expect(page.getByTestId('declarations-trips-count')).toHaveText('3 trajets déclarés');

    // The same journey again: nothing added. A commune that does not exist: its field says why.
    await field(page, 'declare-time').fill('08:15');
    await field(page, 'declare-from').fill('44162');
    await field(page, 'declare-to').fill('44109');
    await field(page, 'declare-distance').fill('9,5');
    await page.getByTestId('declare-submit').click();
    await expect(page.getByTestId('declare-result')).toHaveAttribute('data-outcome', 'duplicate');
    await field(page, 'declare-from').fill('00000');
    await field(page, 'declare-time').fill('10:00');
    await page.getByTestId('declare-submit').click();
    await expect(page.getByTestId('declare-result')).toHaveAttribute('data-outcome', 'rejected');
    await expect(page.getByTestId('declarations-form')).toContainText('commune de départ inconnue « 00000 »');
    await expect(page.getByTestId('declarations-trips-count')).toHaveText('3 trajets déclarés');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
