// Assembles the loadable extension in dist/chromium: bundles the TypeScript entry points with
// esbuild and copies the static files and the WASM package.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(root, 'dist', 'chromium');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// Module service worker.
await build({
  entryPoints: { worker: join(here, 'src', 'worker.ts') },
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'chrome116',
  logLevel: 'warning',
});

for (const item of ['manifest.json', '_locales', 'managed_schema.json']) {
  if (existsSync(join(here, item))) cpSync(join(here, item), join(out, item), { recursive: true });
}
cpSync(join(root, 'pkg', 'bedside_bg.wasm'), join(out, 'bedside_bg.wasm'));
console.log(`extension assembled in ${out}`);
