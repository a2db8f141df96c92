import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { rendererAliases } from './electron.vite.config';

/** Two projects: Node for main/shared/CLI code on real SQLite files, happy-dom for renderer components. */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/main/**/*.test.ts', 'src/shared/**/*.test.ts', 'tests/**/*.test.ts'],
          testTimeout: 60_000,
          // Keys of the stores tests create (audit chain) in a temp folder, never in the user's own key folder.
          env: { ATELIER_KEY_DIR: process.env.ATELIER_KEY_DIR ?? mkdtempSync(join(tmpdir(), 'atelier-cles-')) },
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [vue()],
        resolve: { alias: rendererAliases },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['src/renderer/**/*.test.ts'],
        },
      },
    ],
  },
});
