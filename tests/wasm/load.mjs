// Loads the WASM package built by ./build.sh (pkg/) in Node: `--target web` output, initialised
// synchronously from the wasm bytes.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = join(root, 'pkg');

const bedside = await import(join(pkg, 'bedside.js'));
const exports = bedside.initSync({ module: readFileSync(join(pkg, 'bedside_bg.wasm')) });

/** The instance's linear memory (for the benchmark's memory figures). */
export const memory = exports.memory;

export const { Checker } = bedside;
export default bedside;
