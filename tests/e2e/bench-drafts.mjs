// What the in-page benchmark (bench.mjs) and its profiler (profile.mjs) type, stated once so the
// two measure the same thing: the editors and the draft (filler text plus a flagged phrase whose
// last letter is the measured keystroke).
export const EDITORS = [
  { key: 'draftjs', name: 'Draft.js (X)', host: 'x.com', sel: "[data-testid='tweetTextarea_0']", id: 'x-compose' },
  { key: 'lexical', name: 'Lexical (Facebook)', host: 'www.facebook.com', sel: '[data-fixture="fb-compose"]', id: 'fb-compose' },
  { key: 'quill', name: 'Quill (LinkedIn)', host: 'www.linkedin.com', sel: '[data-fixture="li-compose"] .ql-editor', id: 'li-compose' },
  { key: 'textarea', name: 'textarea (Instagram)', host: 'www.instagram.com', sel: 'textarea[data-fixture="ig-comment"]', id: 'ig-comment' },
];
const FILLER = 'Spent the morning on the ward and the afternoon teaching students about hand hygiene. ';
export const PHRASE = 'guaranteed result'; // flagged; 'guaranteed resul' is not

/** `n` characters of unflagged filler text. */
export function filler(n) {
  let s = '';
  while (s.length < n) s += FILLER;
  return s.slice(0, n);
}
