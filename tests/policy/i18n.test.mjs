// Every UI string exists in all six languages, with the same $n substitutions, and nothing is
// left untranslated by accident. Fails when a key is missing in any language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './load-ts.mjs';

const LANGS = ['en', 'sv', 'pl', 'fr', 'da', 'tr'];
const dir = join(root, 'extension/locales');
const areas = [...new Set(LANGS.flatMap((l) => (existsSync(join(dir, l)) ? readdirSync(join(dir, l)) : [])))].filter((f) => f.endsWith('.json'));
const read = (l, f) => JSON.parse(readFileSync(join(dir, l, f), 'utf8'));

test('every locale area exists in all six languages with the same keys', () => {
  assert.ok(areas.length > 0);
  for (const area of areas) {
    const en = read('en', area);
    for (const l of LANGS) {
      assert.ok(existsSync(join(dir, l, area)), `locales/${l}/${area} is missing`);
      const m = read(l, area);
      const missing = Object.keys(en).filter((k) => !(k in m));
      const extra = Object.keys(m).filter((k) => !(k in en));
      assert.deepEqual(missing, [], `locales/${l}/${area}: missing keys`);
      assert.deepEqual(extra, [], `locales/${l}/${area}: keys not in English`);
      for (const [k, v] of Object.entries(m)) {
        assert.equal(typeof v?.message, 'string', `${l}/${area} ${k}`);
        assert.ok(v.message.trim() !== '', `${l}/${area} ${k} is empty`);
        const subs = (s) => [...s.matchAll(/\$(\d)/g)].map((x) => x[1]).sort().join();
        assert.equal(subs(v.message), subs(en[k].message), `${l}/${area} ${k}: substitutions differ`);
      }
    }
  }
});

test('my areas are translated, not copied from English', () => {
  for (const area of ['popup.json', 'options.json', 'guard.json']) {
    const en = read('en', area);
    for (const l of LANGS.filter((x) => x !== 'en')) {
      const m = read(l, area);
      const same = Object.keys(en).filter((k) => m[k].message === en[k].message && en[k].message.length > 12);
      assert.deepEqual(same, [], `locales/${l}/${area}: identical to English`);
    }
  }
});

test('every key the popup, options page and guard use exists', () => {
  const en = Object.assign({}, ...['popup.json', 'options.json', 'guard.json'].map((a) => read('en', a)));
  const files = ['extension/popup/panel.ts', 'extension/popup/popup.ts', 'extension/options/options.ts', 'extension/options/options.html', 'extension/src/content/follow-guard.ts', 'extension/src/content/profile-notice.ts'];
  const used = new Set();
  for (const f of files) {
    if (!existsSync(join(root, f))) continue;
    const src = readFileSync(join(root, f), 'utf8');
    for (const m of src.matchAll(/\bt\(\s*'([a-z_]+)'|data-i18n(?:-placeholder)?="([a-z_]+)"/g)) used.add(m[1] ?? m[2]);
    // keys built from a prefix and a known list
    for (const m of src.matchAll(/t\(`(ui_cat|ui_enf|ui_sev|policyProblem|opt_row)_\$\{/g)) used.add(`${m[1]}_*`);
  }
  for (const k of used) {
    if (k.endsWith('_*')) {
      assert.ok(Object.keys(en).some((x) => x.startsWith(k.slice(0, -1))), k);
    } else assert.ok(k in en, `key ${k} is used but not defined`);
  }
  for (const code of ['unknown_key', 'wrong_type', 'unknown_site', 'unknown_category', 'bad_value', 'bad_regex', 'out_of_range', 'unreadable']) assert.ok(`policyProblem_${code}` in en);
  for (const c of ['client_data', 'tone', 'advice', 'claims']) assert.ok(`ui_cat_${c}` in en);
  for (const c of ['no_name', 'bad_profile', 'too_long', 'name_too_short']) assert.ok(`opt_row_${c}` in en);
});
