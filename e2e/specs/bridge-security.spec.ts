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
    expect(body.data.filePath).toBe(app.dbFile);
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
});
