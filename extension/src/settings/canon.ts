// The client-name canonicalisation of crate/src/clients.rs, in TypeScript, so that content scripts
// can hash a candidate name synchronously. tests/policy/canon-drift.test.mjs keeps the two equal.
import { hex, sha256 } from './sha256';

const SPECIAL: Record<string, string> = {
  'ı': 'i', 'İ': 'i', 'I': 'i', 'ł': 'l', 'Ł': 'l', 'ø': 'o', 'Ø': 'o', 'æ': 'ae', 'Æ': 'ae',
  'œ': 'oe', 'Œ': 'oe', 'ß': 'ss', 'đ': 'd', 'Đ': 'd', '’': "'", 'ʼ': "'", '‘': "'", '`': "'",
  '‐': '-', '‑': '-', '–': '-', '—': '-',
};
const MARK = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/gu;
const ALNUM = /[\p{Alphabetic}\p{N}]/u;
const MIN_STEM = 3;

/** `text::fold`: lowercase, diacritics removed, a few letters spelled out. */
export function fold(s: string): string {
  let out = '';
  for (const c of s) {
    const sp = SPECIAL[c];
    if (sp !== undefined) out += sp;
    else if (c.charCodeAt(0) < 128) out += c.toLowerCase();
    else out += c.normalize('NFD').replace(MARK, '').toLowerCase();
  }
  return out;
}

const isAlnum = (c: string) => ALNUM.test(c);

export function stemWord(word: string): string {
  const folded = fold(word);
  let w = [...folded.split("'")[0]].filter(isAlnum);
  if (w.length >= 5 && w[w.length - 1] === 's' && w[w.length - 2] !== 's') w.pop();
  while (w.length > MIN_STEM && 'aeiouy'.includes(w[w.length - 1])) w.pop();
  return w.join('');
}

/** `clients::canonical_forms`: the whole name (stems joined) and each stem of 3+ letters; a
 * handle "@jenny_r" stays whole. */
export function canonicalForms(name: string): string[] {
  const n = name.trim();
  if (n.startsWith('@')) {
    const h = [...fold(n.slice(1))].filter((c) => isAlnum(c) || c === '_' || c === '.').join('').replace(/\.+$/, '');
    return new TextEncoder().encode(h).length >= 2 ? [`@${h}`] : [];
  }
  const stems = n
    .split(/[^\p{Alphabetic}\p{N}'’\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/u)
    .filter((w) => w !== '')
    .map(stemWord)
    .filter((s) => s !== '');
  const out: string[] = [];
  if (stems.length > 1) out.push(stems.join(' '));
  for (const s of stems) if ([...s].length >= MIN_STEM && !out.includes(s)) out.push(s);
  return out;
}

/** The one form the follow guard matches on: the whole name, or the handle. Single words of a
 * longer name are left out, so "Anna Berg" never stops a follow of "Anna Lind". */
export function guardForm(nameOrHandle: string): string | null {
  const forms = canonicalForms(nameOrHandle);
  return forms[0] ?? null;
}

const enc = new TextEncoder();
/** `clients::hash_form`: lowercase hex SHA-256 of salt, a zero byte, and the form. */
export function hashForm(salt: string, form: string): string {
  const s = enc.encode(salt);
  const f = enc.encode(form);
  const buf = new Uint8Array(s.length + 1 + f.length);
  buf.set(s);
  buf.set(f, s.length + 1);
  return hex(sha256(buf));
}
