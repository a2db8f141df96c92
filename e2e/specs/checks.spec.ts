import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { atelier, expect, storeRows, test } from '../fixtures/app-server';
import { seriousViolations } from '../fixtures/axe';
import { HomePage } from '../fixtures/home-page';
import { chosenOptionFits } from '../fixtures/layout';
import { checkThroughLabel } from '../fixtures/dsfr-inputs';


async function openChecks(page: Page, launchUrl: string): Promise<void> {
  await new HomePage(page).open(launchUrl);
  await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Contrôles', exact: true }).click();
}

/** Vertical space between the bottom of a field and the top of the button under it. */
async function gapAbove(button: Locator, field: Locator): Promise<number> {
  const [buttonBox, fieldBox] = [await button.boundingBox(), await field.boundingBox()];
  return (buttonBox?.y ?? 0) - ((fieldBox?.y ?? 0) + (fieldBox?.height ?? 0));
}

test.describe('Contrôles', () => {
  test('de la file de revue à une décision : journal d’audit, exclusion des exports et des simulations', async ({ page, storeAddress, storeDir, startApp }) => {
    // The demo with one instance of each labelled pattern; `atelier demo` scans the new journeys, as the app does.
    atelier('demo', '--db', storeAddress, '--trips', '1500', '--seed', '8', '--patterns', '1');
    const app = await startApp();
    await openChecks(page, app.launchUrl);

    await expect(page.getByTestId('exclusions-banner')).toContainText('Aucun trajet n’est exclu');
    await page.locator('select[data-testid=queue-filter-check], [data-testid=queue-filter-check] select').selectOption('T01@1');
    await page.getByTestId('queue-filter-apply').click();
    const row = page.getByTestId('queue-row');
    await expect(row).toHaveCount(1);
    const key = (await row.getAttribute('data-key')) ?? '';
    // The injected self-carpool looks like any journey: only the demo's labels, kept apart, say which it is.
    expect(key).toMatch(/^j:\d+$/);
    expect(storeRows(storeAddress, `SELECT natural_key FROM demo_labels WHERE check_ids_json LIKE '%"T01@1"%'`)).toEqual([key]);

    await row.getByTestId('queue-open').click();
    const detail = page.getByTestId('journey-detail');
    await expect(detail.getByTestId('flag-item').filter({ hasText: 'T01@1' })).toHaveCount(1);
    await expect(detail.getByTestId('evidence').first()).toBeVisible();
    await expect(detail.getByTestId('journey-plot-svg')).toBeVisible();

    await checkThroughLabel(detail.getByTestId('decision-radio-confirmed'));
    await detail.getByTestId('decision-submit').click();
    await expect(detail.getByTestId('decision-comment-error')).toBeVisible();
    await detail.locator('textarea[data-testid=decision-comment], [data-testid=decision-comment] textarea').fill('Même personne au volant et à la place passager');
    await detail.getByTestId('decision-submit').click();
    await expect(detail.getByTestId('decision-done')).toBeVisible();
    await expect(detail.getByTestId('decision-current')).toContainText('Fraude confirmée');
    await expect(page.getByTestId('exclusions-banner')).toContainText('1 trajet exclu des simulations et des exports');

    // The decision is in the audit log and counts in the queue, the exports and the simulations.
    const queue = JSON.parse(atelier('review', '--db', storeAddress, '--decision', 'confirmed', '--json')) as { journeys: Array<{ naturalKey: string; decision: { comment: string } }> };
    expect(queue.journeys.map((journey) => journey.naturalKey)).toEqual([key]);
    expect(queue.journeys[0]?.decision.comment).toBe('Même personne au volant et à la place passager');
    const info = JSON.parse(atelier('info', '--db', storeAddress, '--json')) as { tables: Array<{ name: string; rows: number }> };
    expect(info.tables.find((table) => table.name === 'review_decisions')?.rows).toBe(1);
    const exported = JSON.parse(atelier('export', 'trips', '--db', storeAddress, '--from', '2026-01-01', '--to', '2026-12-31', '--out', join(storeDir, 'trajets.csv'), '--json')) as { excludedConfirmedFraud: number };
    expect(exported.excludedConfirmedFraud).toBe(1);

    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Exports', exact: true }).click();
    await expect(page.getByTestId('trip-export-confirmed-fraud-notice')).toContainText('1');
  });

  test('la file range les signalements, compte à part le statut du registre, explique et masque les contrôles', async ({ page, storeAddress, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '1500', '--seed', '8', '--patterns', '1');
    const app = await startApp();
    await openChecks(page, app.launchUrl);
    const rows = page.getByTestId('queue-row');
    await expect(rows.first()).toBeVisible();

    // The most serious first, each check named and explained on hover.
    await expect(rows.first().getByTestId('severity-badge')).toHaveText('élevée');
    const tag = rows.first().getByTestId('check-tag').first();
    await tag.hover();
    await expect(tag).toHaveAttribute('title', /^.+ — .+$/);
    const code = ((await tag.textContent()) ?? '').slice(0, 3);

    // The registry's own verdicts are counted apart, in a group of their own.
    const registry = page.locator('label', { hasText: 'Statut du registre seulement' });
    await expect(registry).toHaveText(/\(\d+\)$/);
    await expect(page.locator('label', { hasText: 'Signalements propres' })).toHaveText(/\(\d+\)$/);

    // The legend explains every check; hiding one is a saved view of the queue, not a scan setting.
    const legend = page.getByTestId('queue-legend');
    await legend.locator('summary').click();
    expect(await legend.getByTestId('queue-legend-row').count()).toBeGreaterThan(20);
    await legend.getByTestId(`queue-hide-${code}`).check({ force: true });
    await expect(page.getByTestId('queue-hidden-rows')).toContainText(`Contrôles masqués dans la file : ${code}.`);
    await expect(legend.locator('summary')).toHaveText('Légende des contrôles, contrôles masqués (1 masqué)');
    expect(storeRows(storeAddress, "SELECT value_json FROM settings WHERE key = 'review.hiddenChecks'")).toEqual([`["${code}"]`]);
    await expect(rows.first().getByTestId('check-tag').filter({ hasText: code })).toHaveCount(0);
    expect(await seriousViolations(page, '[data-testid="review-queue"]')).toEqual([]);

    await registry.click();
    await expect(page.getByTestId('queue-total')).toContainText('trajet');
    const shown = await page.locator('[data-testid="queue-row"] [data-testid="check-tag"]').allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    for (const check of shown) expect(check).toMatch(/^T(09|11)@/);
    expect(await seriousViolations(page, '[data-testid="review-queue"]')).toEqual([]);

    await page.getByTestId('queue-show-hidden').click();
    await expect(page.getByTestId('queue-hidden-rows')).toHaveCount(0);
    expect(storeRows(storeAddress, "SELECT value_json FROM settings WHERE key = 'review.hiddenChecks'")).toEqual(['[]']);
  });

  test('une analyse se lance depuis l’onglet Analyses et montre les signalements d’un contrôle avec leurs preuves', async ({ page, storeAddress, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '1500', '--seed', '8');
    const app = await startApp();
    await openChecks(page, app.launchUrl);
    await page.getByTestId('test-checks-tab-analyses').click();
    const before = (await page.getByTestId('checks-run').textContent()) ?? '';
    await page.getByTestId('checks-scan').click();
    await expect(page.getByTestId('checks-run')).not.toHaveText(before);
    await expect(page.getByTestId('checks-run')).toContainText('1 500 trajets'.replace(' ', '\u202f'));
    const enabled = page.locator('[data-testid^="check-show-"]:not([disabled])').first();
    await enabled.click();
    await expect(page.getByTestId('flag-row').first()).toContainText('j:');

    await page.getByTestId('test-checks-tab-parameters').click();
    await expect(page.getByTestId('check-disabled-T07')).toContainText('itinéraire');
  });

  test('la page renvoie à l’aide plutôt qu’à un document, ses boutons ne touchent pas les champs et ses listes ne sont pas coupées', async ({ page, storeAddress, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '400', '--seed', '3');
    const app = await startApp();
    await openChecks(page, app.launchUrl);
    // The desktop window's width, then its smallest.
    for (const width of [1280, 900]) {
      await page.setViewportSize({ width, height: 900 });
      for (const testId of ['queue-filter-operator', 'queue-filter-level', 'case-export-operator']) {
        const { text, needed, available } = await chosenOptionFits(page, testId);
        expect(needed, `« ${text} » (${testId}) à ${width} px`).toBeLessThanOrEqual(available);
      }
      const cases = page.getByTestId('case-export');
      expect(await gapAbove(cases.getByTestId('case-export-submit'), cases.locator('input[type=date]').last())).toBeGreaterThanOrEqual(16);
      const filters = page.getByTestId('queue-filters');
      expect(await gapAbove(filters.getByTestId('queue-filter-apply'), filters.locator('select').last())).toBeGreaterThanOrEqual(16);
    }

    const intro = page.locator('main p.fr-text--lead');
    await expect(intro).not.toContainText('docs/');
    await intro.getByRole('link', { name: 'Aide : Contrôles : familles T, H, G et D' }).click();
    await expect(page).toHaveURL(/#\/aide#controles$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Contrôles : familles T, H, G et D' })).toBeFocused();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aide');
    expect(await seriousViolations(page, 'main')).toEqual([]);
  });
});
