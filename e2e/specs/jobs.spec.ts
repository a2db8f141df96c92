import { expect, test } from '../fixtures/app-server';
import { HomePage } from '../fixtures/home-page';

test.describe('Traitements', () => {
  test('un chargement se lance, se suit et se termine depuis l’interface', async ({ page, startApp }) => {
    const app = await startApp();
    const home = new HomePage(page);
    await home.open(app.launchUrl);
    await home.openAbout();

    await page.getByLabel(/nombre de trajets/i).first().fill('3000');
    await page.getByRole('button', { name: /charger les données de démonstration/i }).first().click();
    await expect(home.jobProgress()).toHaveAttribute('data-status', 'done');
    await expect.poll(() => home.count('trips')).toBe(3000);
  });

  test('un chargement annulé ne laisse aucune donnée', async ({ page, startApp }) => {
    const app = await startApp();
    const home = new HomePage(page);
    await home.open(app.launchUrl);
    await home.openAbout();

    await page.getByLabel(/nombre de trajets/i).first().fill('1500000');
    await page.getByRole('button', { name: /charger les données de démonstration/i }).first().click();
    const progress = home.jobProgress();
    await expect(progress).toHaveAttribute('data-status', 'running');
    // Wait until rows are really written (a non-zero count in the writing step), so the cancel has something to undo;
    // the demo first reads the generator through once to pick the journeys its suspicious patterns copy.
    await expect(progress).toContainText(/Écriture dans la base\s*[1-9]/, { timeout: 60_000 });
    await progress.getByRole('button', { name: /annuler/i }).click();
    await expect(progress).toHaveAttribute('data-status', 'cancelled');
    await expect.poll(() => home.count('trips')).toBe(0);
  });
});
