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
