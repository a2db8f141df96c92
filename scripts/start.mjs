// `npm start`: builds, then opens the desktop app when the Electron binary is installed, or falls back to the
// browser mode (same services, loopback HTTP bridge) where it cannot be installed, as on our build machines.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const extraArgs = process.argv.slice(2);

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let electronPath = null;
try {
  electronPath = require('electron');
} catch (error) {
  console.warn(`Binaire Electron indisponible (${String(error.message).split('\n')[0]}) : démarrage en mode navigateur.`);
}

const [command, args] = electronPath
  ? [electronPath, ['out/main/index.js', ...extraArgs]]
  : [process.execPath, ['out/main/serve.js', ...extraArgs]];
const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
