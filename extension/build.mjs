// Assembles the loadable extension in dist/chromium: bundles the TypeScript entry points with
// esbuild and copies the static files and the WASM package.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// Content script (in-page experience): one classic script, no imports at run time.
await build({
  entryPoints: { content: join(here, 'src', 'content', 'index.ts') },
  outdir: out,
  bundle: true,
  format: 'iife',
  target: 'chrome116',
  logLevel: 'warning',
});

// Popup and options page (settings panel, client list, policy problems, audit export).
await build({
  entryPoints: { popup: join(here, 'popup', 'popup.ts'), options: join(here, 'options', 'options.ts') },
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'chrome116',
  logLevel: 'warning',
});
for (const [dir, file] of [['popup', 'popup.html'], ['popup', 'ui.css'], ['options', 'options.html']]) cpSync(join(here, dir, file), join(out, file));

// Strings live in extension/locales/<lang>/<area>.json (one file per area, so areas can be edited
// independently) and are merged into the _locales/<lang>/messages.json that chrome.i18n reads.
export function mergedLocales() {
  const merged = {};
  for (const lang of readdirSync(join(here, 'locales'))) {
    merged[lang] = {};
    for (const file of readdirSync(join(here, 'locales', lang)).filter((f) => f.endsWith('.json')).sort()) {
      const part = JSON.parse(readFileSync(join(here, 'locales', lang, file), 'utf8'));
      for (const [key, value] of Object.entries(part)) {
        if (key in merged[lang]) throw new Error(`locales/${lang}/${file}: key ${key} is defined twice`);
        merged[lang][key] = value;
      }
    }
  }
  return merged;
}
for (const [lang, messages] of Object.entries(mergedLocales())) {
  mkdirSync(join(out, '_locales', lang), { recursive: true });
  writeFileSync(join(out, '_locales', lang, 'messages.json'), JSON.stringify(messages, null, 1));
}

for (const item of ['manifest.json', 'managed_schema.json']) {
  if (existsSync(join(here, item))) cpSync(join(here, item), join(out, item), { recursive: true });
}
cpSync(join(root, 'pkg', 'bedside_bg.wasm'), join(out, 'bedside_bg.wasm'));
console.log(`extension assembled in ${out}`);
