// Drift test: the TypeScript client-name canonicalisation and hashing (what the follow guard runs
// in the content script) must equal crate/src/clients.rs (what the checker runs), via the WASM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { loadTs } from './load-ts.mjs';

const ts = await loadTs('extension/src/settings/canon.ts');
const sha = await loadTs('extension/src/settings/sha256.ts');
const wasm = (await import('../wasm/load.mjs')).default;

const NAMES = [
  'Anna Lindqvist', 'Kasia Wróblewska', 'Kasią', "Ayşe'nin", 'Ayşe Yılmaz', 'Søren Kjærgaard', 'Sørens',
  'Łukasz Żółć', 'François Lefèvre-Dubois', 'İsmail Işık', 'O’Brien', 'Ðorđe', 'Straße', 'Œuvre',
  '@jenny_r', '@Jenny.R.', '@a', '@Zoë_99', 'Bo Li', 'Jo', '  Maria   José  ', 'Ann-Marie Holm',
  'ÅSA ÖBERG', 'José', 'Naïve Noël', 'Ελένη Παπαδοπούλου', 'Иван Петров', '李 小龍', 'x', '', 'Ahmet 2nd',
  'Mette-Marie Dahl', 'Chloé d\u2019Arcy', 'e\u0301milie', 'Jürgen Groß', 'Þór Æsir',
];

test('canonical forms equal the Rust ones', () => {
  assert.ok(typeof wasm.canonicalForms === 'function', 'pkg exports canonicalForms (crate/src/wasm.rs)');
  for (const n of NAMES) assert.deepEqual(ts.canonicalForms(n), wasm.canonicalForms(n), JSON.stringify(n));
});

test('hashes equal the Rust ones', () => {
  for (const salt of ['', 'c0ffee', 'sålt 🧂']) {
    for (const n of NAMES) for (const f of ts.canonicalForms(n)) assert.equal(ts.hashForm(salt, f), wasm.hashForm(salt, f), `${salt} ${f}`);
  }
});

test('the synchronous SHA-256 matches node:crypto at block edges', () => {
  for (const len of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
    const buf = new Uint8Array(len).map((_, i) => (i * 31 + 7) & 255);
    assert.equal(sha.hex(sha.sha256(buf)), createHash('sha256').update(buf).digest('hex'), `len ${len}`);
  }
});

test('the guard form is the whole name, not one word of it', () => {
  assert.equal(ts.guardForm('Anna Lindqvist'), ts.canonicalForms('Anna Lindqvist')[0]);
  assert.notEqual(ts.guardForm('Anna Lindqvist'), ts.guardForm('Anna Berg'));
  assert.equal(ts.guardForm('Kasia Wróblewska'), ts.guardForm('kasia wroblewska'));
  assert.equal(ts.guardForm('@Jenny_R'), '@jenny_r');
});
