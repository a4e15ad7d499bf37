// The content script's text diff (extension/src/content/textmodel.ts) against the plain
// character-by-character definition it replaces, on edits of every kind and size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const tm = await loadTs('extension/src/content/textmodel.ts');

/** The definition: longest common prefix, then the longest common suffix of what is left. */
function reference(before, after) {
  if (before === after) return null;
  const n = Math.min(before.length, after.length);
  let p = 0;
  while (p < n && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < n - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { from: p, toOld: before.length - s, toNew: after.length - s };
}

test('diff finds the edit like a character-by-character scan', () => {
  const cases = [
    ['', ''], ['', 'a'], ['a', ''], ['abc', 'abc'], ['abc', 'abd'], ['abc', 'xbc'], ['aaaa', 'aaaaa'],
    ['aaaa', 'aaa'], ['abab', 'ababab'], ['hello world', 'hello, world'], ['x', 'y'], ['ab', 'ba'],
    ['Zażółć gęślą jaźń', 'Zażółć gęśla jaźń'], ['a😀b', 'a😁b'], ['a😀b', 'ab'], ['line\nline', 'line\n\nline'],
  ];
  for (const [a, b] of cases) assert.deepEqual(tm.diff(a, b), reference(a, b), JSON.stringify([a, b]));
});

test('diff agrees with the definition on random edits of drafts up to 4,000 characters', () => {
  let seed = 7;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const alphabet = 'aab ba.\nåł😀';
  const word = (n) => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
  for (let i = 0; i < 3000; i++) {
    const before = word(rnd(i < 2000 ? 40 : 4000));
    const at = rnd(before.length + 1);
    const cut = Math.min(before.length - at, rnd(4) === 0 ? rnd(50) : rnd(3));
    const after = before.slice(0, at) + word(rnd(4) === 0 ? rnd(30) : rnd(3)) + before.slice(at + cut);
    assert.deepEqual(tm.diff(before, after), reference(before, after), JSON.stringify([before.length, at, cut]));
  }
});
