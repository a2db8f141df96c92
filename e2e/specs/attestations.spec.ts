import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { openDatabase } from '../../src/main/db/connection';
import { pdfText, replaceDrawnText } from '../../src/main/testing/attestation-fixtures';
import { atelier, expect, test } from '../fixtures/app-server';
import { seriousViolations } from '../fixtures/axe';
import { HomePage } from '../fixtures/home-page';

/** Drivers of the demo store with the most journeys, and the store's first and last local days. */
async function demoPersons(storeAddress: string, count: number): Promise<{ keys: string[]; from: string; to: string }> {
  const db = openDatabase(storeAddress);
  try {
    const rows = (await db('trips').whereNotNull('driver_identity_key').groupBy('driver_identity_key').orderByRaw('COUNT(*) DESC').limit(count).pluck('driver_identity_key')) as string[];
    const span = (await db('trips').min({ from: 'start_local' }).max({ to: 'start_local' }).first()) as { from: string; to: string };
    return { keys: rows, from: span.from.slice(0, 10), to: span.to.slice(0, 10) };
  } finally {
    await db.destroy();
  }
}

/** Fills a DSFR input by its test id (on the input or its wrapper). */
const field = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);

test.describe('Attestations', () => {
  test('une attestation s’émet, se vérifie (et un PDF modifié échoue), s’inscrit au registre ; un lot se produit ; la page est accessible', async ({ page, storeAddress, storeDir, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '1500', '--seed', '9');
    const { keys, from, to } = await demoPersons(storeAddress, 4);
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Attestations', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Attestations');
    await expect(page).toHaveTitle('Attestations — Atelier Covoiturage');
    await expect(page.getByTestId('issuer-missing')).toBeVisible();

    // The issuer: a wrong SIRET is refused on the page, the right one saved.
    await field(page, 'issuer-name').fill('Région Pays de la Loire');
    await field(page, 'issuer-siret').fill('23440003400027');
    await page.getByTestId('issuer-save').click();
    await expect(page.getByTestId('attestations-issuer')).toContainText('SIRET invalide');
    await field(page, 'issuer-siret').fill('234 400 034 00026');
    await page.getByTestId('issuer-save').click();
    await expect(page.getByTestId('issuer-saved')).toContainText('Région Pays de la Loire (SIRET 23440003400026)');
    await expect(page.getByTestId('issuer-missing')).toHaveCount(0);

    // One attestation: figures on the page, the PDF written with its code.
    await field(page, 'issue-identity-key').fill(keys[0] ?? '');
    await field(page, 'issue-from').fill(from);
    await field(page, 'issue-to').fill(to);
    await page.getByTestId('issue-submit').click();
    await expect(page.getByTestId('issue-result')).toContainText('Attestation n° 1 émise');
    const driverJourneys = (await page.getByTestId('issue-figures-total-driver').innerText()).trim();
    expect(Number(driverJourneys)).toBeGreaterThan(0);
    const file = (await page.getByTestId('issue-file').getAttribute('data-path')) ?? '';
    const code = /code de vérification ([0-9A-F]{4}(?:-[0-9A-F]{4}){3})/.exec(await page.getByTestId('issue-result').innerText())?.[1] ?? '';
    expect(code).not.toBe('');
    const text = pdfText(file);
    expect(text).toContain(`Code de vérification : ${code}`);
    expect(text).toContain(`Trajets effectués comme conducteur ${driverJourneys}`);
    expect(await seriousViolations(page)).toEqual([]);

    // Verification: the PDF passes, a copy with one figure changed fails, the printed code finds the entry.
    await field(page, 'verify-path').fill(file);
    await page.getByTestId('verify-submit').click();
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-authentic', 'true');
    await expect(page.getByTestId('verify-result')).toContainText('Attestation authentique et inchangée');
    const edited = join(dirname(file), 'attestation-modifiee.pdf');
    writeFileSync(edited, await replaceDrawnText(readFileSync(file), driverJourneys, String(Number(driverJourneys) + 5)));
    await field(page, 'verify-path').fill(edited);
    await page.getByTestId('verify-submit').click();
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-authentic', 'false');
    await expect(page.getByTestId('verify-result')).toContainText('Le contenu du PDF a été modifié après l’émission');
    await page.getByText('un code de vérification', { exact: true }).click();
    await field(page, 'verify-code').fill(code.toLowerCase());
    await page.getByTestId('verify-submit').click();
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-authentic', 'true');
    expect(await seriousViolations(page)).toEqual([]);

    // A batch from an employer's list, followed as a job.
    const list = join(storeDir, 'salaries.csv');
    writeFileSync(list, `personne\n${keys.slice(1).join('\n')}\n`);
    await field(page, 'batch-path').fill(list);
    await field(page, 'batch-from').fill(from);
    await field(page, 'batch-to').fill(to);
    await page.getByTestId('batch-submit').click();
    await expect(page.getByTestId('attestations-batch').getByTestId('job-progress')).toHaveAttribute('data-status', 'done');
    await expect(page.getByTestId('batch-result')).toContainText('3 attestations émises dans');

    // The register: four entries, a filter on the first code, and its Excel export.
    await expect(page.getByTestId('register-count')).toHaveText('4 attestations émises');
    await expect(page.getByTestId('register-row')).toHaveCount(4);
    await field(page, 'register-code').fill(code);
    await page.getByTestId('register-apply').click();
    await expect(page.getByTestId('register-row')).toHaveCount(1);
    await page.getByTestId('register-export').click();
    await expect(page.getByTestId('register-exported')).toContainText('(1 ligne).');
    expect(existsSync((await page.getByTestId('register-exported').getAttribute('data-path')) ?? '')).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
