// Bundles one of the extension's TypeScript modules with esbuild so node --test can import it.
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function loadTs(relPath, define = {}) {
  const res = await build({
    entryPoints: [join(root, relPath)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'error',
    define,
  });
  const dir = mkdtempSync(join(tmpdir(), 'bedside-ts-'));
  const file = join(dir, 'mod.mjs');
  writeFileSync(file, res.outputFiles[0].text);
  return import(pathToFileURL(file).href);
}
