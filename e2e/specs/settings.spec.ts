import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/app-server';
import { HomePage } from '../fixtures/home-page';

/**
 * The test PostgreSQL server, when this run has one (`source .scratch/pgenv.sh`, or CI's): the browser-mode server
 * inherits the environment of the test run, and connects to it from there.
 */
const TEST_PG_URL = process.env.ATELIER_TEST_PG_URL;

/** A TCP port of this machine nobody listens on (just released by the system). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Opens the app, then « Paramètres » from the header as a user does, and chooses « Base partagée ». */
async function openSharedStoreForm(page: Page, launchUrl: string): Promise<void> {
  await new HomePage(page).open(launchUrl);
  await page.getByRole('banner').getByRole('link', { name: 'Paramètres' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paramètres');
  await page.getByLabel('Base partagée (PostgreSQL)').check({ force: true });
  await expect(page.getByRole('group', { name: 'Serveur PostgreSQL' })).toBeVisible();
}

/** Fills the server's fields by their labels. */
async function fillServer(page: Page, server: { host: string; port: string; database: string; user: string; password?: string }): Promise<void> {
  await page.getByLabel(/^Hôte/).fill(server.host);
  await page.getByLabel(/^Port/).fill(server.port);
  await page.getByRole('textbox', { name: /^Base\b/ }).fill(server.database);
  await page.getByLabel(/^Utilisateur/).fill(server.user);
  if (server.password !== undefined) await page.getByLabel(/^Mot de passe/).fill(server.password);
}

test.describe('Paramètres', () => {
  test('une base partagée sur un port où rien n’écoute est refusée en français, et le choix s’enregistre sans son mot de passe', async ({ page, startApp }) => {
    const app = await startApp();
    await openSharedStoreForm(page, app.launchUrl);
    await expect(page.getByTestId('store-current')).toContainText(app.storeAddress);

    // A port that is not a number is refused on its field, before any connection.
    await fillServer(page, { host: '127.0.0.1', port: 'cinq', database: 'atelier', user: 'agent' });
    await page.getByRole('button', { name: 'Tester la connexion' }).click();
    await expect(page.getByLabel(/^Port/)).toHaveAccessibleDescription(/port entre 1 et 65 535/);

    const port = await freePort();
    await fillServer(page, { host: '127.0.0.1', port: String(port), database: 'atelier', user: 'agent', password: 'Secret-de-test' });
    await page.getByRole('button', { name: 'Tester la connexion' }).click();
    const result = page.getByTestId('store-test-result');
    await expect(result).toHaveAttribute('data-outcome', 'failed');
    // The address is named, its password masked.
    await expect(result).toHaveText(`Connexion impossible à postgres://agent:***@127.0.0.1:${port}/atelier : serveur injoignable : connexion refusée (vérifiez l’hôte et le port).`);

    // Browser mode has no keychain: the page says so, and the password is not written anywhere.
    await expect(page.getByTestId('store-no-keychain')).toContainText('PGPASSWORD');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByTestId('store-saved')).toContainText('Appliqué au prochain démarrage de l’application.');
    const choiceFile = join(dirname(app.storeAddress), 'base-partagee.json');
    expect(JSON.parse(readFileSync(choiceFile, 'utf8'))).toEqual({ engine: 'postgres', host: '127.0.0.1', port, database: 'atelier', user: 'agent', password: null });
    if (process.platform !== 'win32') expect(statSync(choiceFile).mode & 0o777).toBe(0o600);
    await expect(page.getByLabel(/^Mot de passe/)).toHaveValue('');
  });

  test('une base partagée joignable répond avec la version du serveur', async ({ page, startApp }) => {
    test.skip(TEST_PG_URL === undefined, 'pas de serveur PostgreSQL de test (ATELIER_TEST_PG_URL)');
    const server = new URL(TEST_PG_URL ?? '');
    const app = await startApp();
    await openSharedStoreForm(page, app.launchUrl);
    // Its maintenance database, only read: the test creates nothing on the server.
    await fillServer(page, { host: server.hostname, port: server.port || '5432', database: 'postgres', user: decodeURIComponent(server.username) });
    await page.getByRole('button', { name: 'Tester la connexion' }).click();
    await expect(page.getByTestId('store-test-result')).toContainText(/^Connexion réussie : PostgreSQL \d+\.\d+/);
  });

  test('la clé de la base s’exporte pour le poste d’un collègue, en un fichier réservé à son propriétaire', async ({ page, startApp }) => {
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);
    await page.getByRole('banner').getByRole('link', { name: 'Paramètres' }).click();
    const section = page.getByRole('region', { name: 'Clé de la base' });
    await expect(section.getByTestId('store-key-present')).toHaveText('La clé de cette base est sur ce poste : le journal d’audit est scellé et vérifiable.');
    await section.getByRole('button', { name: 'Exporter la clé pour un autre poste' }).click();
    const done = section.getByTestId('store-key-done');
    await expect(done).toContainText('Remettez ce fichier comme un mot de passe');
    const file = /Clé écrite dans (.+\.json)\./.exec((await done.textContent()) ?? '')?.[1] ?? '';
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'atelier-store-key/1', protection: 'none' });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
