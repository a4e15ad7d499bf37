// The WASM build and the native build must find exactly the same things: same rules, severities,
// messages and UTF-16 spans, on the whole dev set and on awkward texts (emoji, combining marks,
// lone surrogates, 1 MB pastes). And `check()` must never throw, whatever it is given.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checker, root } from './load.mjs';

const corpusPath = process.env.BEDSIDE_CORPUS ?? join(root, '..', 'shared', 'corpus', 'dev.jsonl');
const cli = join(root, 'target', 'release', 'bedside');

/** Runs the native CLI over `texts` (JSON lines, no language hint) and returns findings by index. */
function native(texts) {
  // JSON can't carry a lone surrogate to Rust; wasm-bindgen turns one into U+FFFD, so send that.
  const input = texts.map((text, id) => JSON.stringify({ id, text: text.toWellFormed() })).join('\n') + '\n';
  const r = spawnSync(cli, ['check', '--jsonl', '--offsets', 'utf16'], { input, maxBuffer: 1 << 30, encoding: 'utf8' });
  assert.equal(r.status, 0, `bedside check --jsonl failed: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, texts.length);
  lines.forEach((l, i) => assert.equal(l.id, i, 'answers come back in order'));
  return lines.map((l) => l.findings);
}

function wasm(checker, texts) {
  return texts.map((t) => checker.check(t).map(({ rule, category, severity, start, end, message }) => ({ rule, category, severity, start, end, message })));
}

function assertSame(texts, label) {
  const checker = new Checker({});
  const n = native(texts);
  const w = wasm(checker, texts);
  for (let i = 0; i < texts.length; i++) {
    assert.deepEqual(w[i], n[i], `${label} #${i} (${texts[i].length} UTF-16 units): WASM and native differ`);
  }
  return n.reduce((sum, f) => sum + f.length, 0);
}

/** Mixed clinician text with emoji, accents and identifiers, repeated to about `units` UTF-16 units. */
function bigText(units) {
  const parts = [
    'Tack alla för en fin vecka på vårdcentralen 💙 Vi ses på måndag. ',
    'Patient MRN 4482913 seen today, follow-up next week. ',
    'Zadzwoń do nas: 22 123 45 67, zapraszamy! 👩🏽‍⚕️ ',
    'Nous sommes ouverts le samedi matin. Élodie e\u0301te\u0301 ',
    'Ring til os på 33 12 34 56 i åbningstiden. ',
    'Bugün çok yoğun bir gündü, teşekkürler! 🙏 ',
    'This miracle cure is GUARANTEED to work!!! ',
  ];
  let out = '';
  for (let i = 0; out.length < units; i++) out += parts[i % parts.length];
  return out;
}

const awkward = [
  '',
  ' ',
  '\n\n\t',
  '😀',
  '👩🏽‍⚕️👨‍👩‍👧‍👦🇸🇪🇵🇱 MRN 4482913 😀😀',
  'Kasia\u0328 ma PESEL 85031204564 i dzwoni\u0301 ca\u0142y dzien\u0301',
  '\u0301\u0301\u0301 only combining marks \u0328',
  'e\u0301'.repeat(500),
  'lone high \ud800 then MRN 4482913 and a lone low \udc00 😀 end',
  '\ud83d',
  '\udc00\ud800',
  'pair split \ud83d\u0041\ude00 call 020 7946 0321',
  '\u202eRTL override\u202c \u200b\u200d zero width \ufeff BOM',
  'NUL \u0000 inside \u0000 text 19850312-4185',
  'CRLF line\r\nsecond line\r\nMRN 4482913\r\n',
  '\uffff\ufffe noncharacters \u{10FFFF}',
];

test('WASM and native give identical findings on every dev-set text', { skip: !existsSync(corpusPath) && `no corpus at ${corpusPath}` }, () => {
  const texts = readFileSync(corpusPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).text);
  assert.ok(texts.length > 100, 'the dev set is there');
  const total = assertSame(texts, 'dev');
  assert.ok(total > 0, 'the comparison is not vacuous: the dev set has findings');
});

test('WASM and native agree on emoji, combining marks, lone surrogates and control characters', () => {
  assertSame(awkward, 'awkward');
});

test('WASM and native agree on 1 MB texts', () => {
  const mb = 1 << 20;
  assertSame([bigText(mb), '😀'.repeat(mb / 2), '1234567890 '.repeat(mb / 11), 'a'.repeat(mb)], '1MB');
});

test('check() never throws, returns [] for "", and spans stay inside the text on whole code points', () => {
  const checker = new Checker({});
  assert.deepEqual(checker.check(''), []);
  // A seeded stream of random code units, lone surrogates included.
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const fuzz = [];
  for (let i = 0; i < 200; i++) {
    let s = '';
    const len = Math.floor(rand() * 300);
    for (let j = 0; j < len; j++) {
      const r = rand();
      if (r < 0.5) s += String.fromCharCode(32 + Math.floor(rand() * 95));
      else if (r < 0.6) s += String.fromCharCode(0xd800 + Math.floor(rand() * 0x800));
      else {
        let cp = Math.floor(rand() * 0x110000);
        if (cp >= 0xd800 && cp <= 0xdfff) cp -= 0x800;
        s += String.fromCodePoint(cp);
      }
    }
    fuzz.push(s);
  }
  for (const text of [...awkward, ...fuzz, bigText(70000)]) {
    let findings;
    assert.doesNotThrow(() => (findings = checker.check(text)), `check threw on ${JSON.stringify(text.slice(0, 40))}`);
    for (const f of findings) {
      assert.ok(0 <= f.start && f.start <= f.end && f.end <= text.length, `span ${f.start}..${f.end} outside ${text.length}`);
      for (const at of [f.start, f.end]) {
        const before = text.charCodeAt(at - 1);
        const after = text.charCodeAt(at);
        const splitsPair = before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
        assert.ok(!splitsPair, `span edge ${at} splits a surrogate pair`);
      }
    }
  }
});
