import { expect, test } from '../fixtures/app-server';

test.describe('Pont HTTP du mode navigateur', () => {
  test('refuse une requête sans jeton et accepte la même avec le jeton', async ({ request, startApp }) => {
    const app = await startApp();
    const anonymous = await request.post(`${app.origin}/api/store:info`, { data: {} });
    expect(anonymous.status()).toBe(401);
    expect((await anonymous.json()).error.code).toBe('unauthorized');

    const wrong = await request.post(`${app.origin}/api/store:info`, { data: {}, headers: { Authorization: 'Bearer faux' } });
    expect(wrong.status()).toBe(401);

    const authorised = await request.post(`${app.origin}/api/store:info`, { data: {}, headers: { Authorization: `Bearer ${app.token}` } });
    expect(authorised.status()).toBe(200);
    const body = await authorised.json();
    expect(body.ok).toBe(true);
    expect(body.data.location).toBe(app.storeAddress);
  });

  test('refuse une origine étrangère même avec le jeton', async ({ request, startApp }) => {
    const app = await startApp();
    const response = await request.post(`${app.origin}/api/store:info`, {
      data: {},
      headers: { Authorization: `Bearer ${app.token}`, Origin: 'http://evil.example' },
    });
    expect(response.status()).toBe(403);
  });

  test('la page est servie avec une politique de sécurité du contenu stricte', async ({ request, startApp }) => {
    const app = await startApp();
    const response = await request.get(`${app.origin}/`);
    expect(response.status()).toBe(200);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });

  test('sans jeton ou avec un mauvais, la page dit une seule fois quoi faire, et rien d’autre', async ({ context, startApp }) => {
    const app = await startApp();
    // A new tab each time: the token is kept per tab, and a hash change alone would not reload the page.
    for (const address of [`${app.origin}/`, `${app.origin}/#token=faux`, `${app.origin}/#/donnees`]) {
      const page = await context.newPage();
      await page.goto(address);
      const denied = page.getByTestId('access-denied');
      await expect(denied).toContainText('Accès refusé');
      await expect(denied).toContainText('npm start');
      await expect(page.locator('.fr-alert')).toHaveCount(1);
      // No menu, no page, no job list, no footer, nothing still loading.
      await expect(page.locator('#navigation-principale')).toHaveCount(0);
      await expect(page.getByRole('contentinfo')).toHaveCount(0);
      await expect(page.locator('main')).not.toContainText('Aucun travail');
      await expect(page.locator('[role="status"]')).toHaveCount(0);
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      await page.close();
    }
  });

  test('avec le jeton, la page s’ouvre normalement et en français', async ({ page, startApp }) => {
    const app = await startApp();
    await page.goto(app.launchUrl);
    await expect(page.locator('#navigation-principale')).toBeVisible();
    await expect(page.getByTestId('access-denied')).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });
});
