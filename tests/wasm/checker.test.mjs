// The WASM Checker's contract as JavaScript sees it: plain objects, UTF-16 offsets, clear errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Checker } from './load.mjs';

test('a default checker finds nothing in an empty or harmless draft', () => {
  const checker = new Checker({});
  assert.deepEqual(checker.check(''), []);
  assert.deepEqual(checker.check('Lovely sunny day for a walk along the river.'), []);
  assert.deepEqual(new Checker(undefined).check(''), []);
});

test('settings of the wrong shape throw an Error that names the problem', () => {
  assert.throws(() => new Checker('sv'), (e) => e instanceof Error && /invalid settings/.test(e.message));
  assert.throws(() => new Checker([]), (e) => e instanceof Error && /invalid settings/.test(e.message));
  assert.throws(() => new Checker({ uiLang: 'de' }), (e) => e instanceof Error && /invalid settings/.test(e.message) && /de/.test(e.message));
  assert.throws(() => new Checker({ disabledRules: 'x' }), (e) => e instanceof Error && /invalid settings/.test(e.message));
});

test('settings are read from plain JSON-shaped objects (crate/src/wasm_settings.rs)', () => {
  const invalid = (settings, pattern) => assert.throws(() => new Checker(settings), (e) => e instanceof Error && /invalid settings/.test(e.message) && pattern.test(e.message), JSON.stringify(settings));
  // Numbers are described, never printed as floats; integers are shown.
  invalid({ uiLang: 1.5 }, /a number with a fraction, expected a string naming/);
  invalid({ communicationLevel: 2.5 }, /a number with a fraction/);
  invalid({ communicationLevel: 300 }, /integer `300`/);
  invalid({ communicationLevel: -1 }, /integer `-1`/);
  invalid({ disabledCategories: ['tone', 7] }, /integer `7`, expected a string naming/);
  invalid({ severityOverrides: { insult: 'loud' } }, /loud/);
  invalid({ clients: { salt: 5 } }, /integer `5`/);
  invalid({ allowList: [() => 1] }, /as in JSON/);
  // Every shape settings use, nested: objects, arrays, strings, integers, null, enums as strings.
  const checker = new Checker({
    uiLang: 'pl', langHint: null, disabledCategories: ['claims'], disabledRules: ['shouting'],
    severityOverrides: { insult: 'critical' }, allowList: ['0113 496 0021'], communicationLevel: 2,
    clients: null, customRules: [{ id: 'ward', category: 'client_data', terms: ['ward 7b'], message: 'Ward name' }],
  });
  assert.deepEqual(checker.problems(), []);
  assert.ok(checker.check('Guaranteed results!').every((f) => f.rule !== 'guaranteed-results'));
  const ward = checker.check('Seen on Ward 7B').find((f) => f.rule === 'custom.ward');
  assert.ok(ward);
  const insult = new Checker({ severityOverrides: { insult: 'critical' } }).check('What an idiot.').find((f) => f.rule === 'insult');
  assert.equal(insult?.severity, 'critical');
});

test('a bad setting names its field, nested ones too, and a missing custom-rule field is named', () => {
  const invalid = (settings, pattern) => assert.throws(() => new Checker(settings), (e) => e instanceof Error && pattern.test(e.message), JSON.stringify(settings));
  invalid({ uiLang: 'de' }, /invalid settings: uiLang: unknown variant `de`, expected one of `en`, `sv`/);
  invalid({ disabledCategories: ['tone', 7] }, /disabledCategories\[1\]: invalid type: integer `7`/);
  invalid({ severityOverrides: { insult: 'loud' } }, /severityOverrides\.insult: unknown variant `loud`, expected one of `hint`, `warning`, `critical`/);
  invalid({ severityOverrides: ['critical'] }, /severityOverrides: invalid type: an array, expected an object/);
  invalid({ clients: { salt: 's', hashes: 'abc' } }, /clients\.hashes: invalid type: string "abc", expected an array/);
  invalid({ customRules: [{ id: 'a', category: 'tone', message: 'm' }, { category: 'tone', message: 'm' }] }, /customRules\[1\]: missing field `id`/);
  invalid({ customRules: [{ id: 'a', category: 'tone' }] }, /customRules\[0\]: missing field `message`/);
  invalid({ customRules: [{ id: 'a', category: 'toner', message: 'm' }] }, /customRules\[0\]\.category: unknown variant `toner`/);
  invalid({ customRules: [{ id: 'a', category: 'tone', message: 'm', terms: [null] }] }, /customRules\[0\]\.terms\[0\]: invalid type: null, expected a string/);
  invalid({ allowList: [1e300] }, /allowList\[0\]: invalid type: a number too large to be exact/);
  // A field set to undefined is absent (JSON.stringify drops it); null is "none" where a field is optional.
  assert.deepEqual(new Checker({ uiLang: undefined, allowList: undefined, platform: null, langHint: null }).problems(), []);
});

test('unknown fields inside clients and custom rules are reported by their path, and the rest applies', () => {
  const checker = new Checker({
    clients: { salt: 's', hashes: [], pepper: 'x' },
    customRules: [{ id: 'ward', category: 'client_data', terms: ['ward 7b'], message: 'Ward name', severty: 'critical' }],
  });
  assert.deepEqual(checker.problems(), ['unknown setting "clients.pepper" (ignored)', 'unknown setting "customRules[0].severty" (ignored)']);
  assert.equal(checker.check('Seen on Ward 7B').find((f) => f.rule === 'custom.ward')?.severity, 'warning');
});

test('unknown settings and bad custom patterns are reported, not thrown', () => {
  const checker = new Checker({ uiLanguage: 'sv', customRules: [{ id: 'ward', category: 'client_data', pattern: '(', message: 'x' }] });
  const problems = checker.problems();
  assert.ok(problems.some((p) => p.includes('uiLanguage')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('customRules.ward')), problems.join('\n'));
  assert.deepEqual(new Checker({}).problems(), []);
});

test('languageOf uses the hint when given, else detects', () => {
  assert.equal(new Checker({}).languageOf('Vi har öppet på lördag och söndag, välkomna!'), 'sv');
  assert.equal(new Checker({ langHint: 'pl' }).languageOf('Hello there, how are you?'), 'pl');
});

test('findings are plain objects with UTF-16 offsets', () => {
  const checker = new Checker({ customRules: [{ id: 'ward', category: 'client_data', terms: ['ward 7b'], message: 'Ward name' }] });
  const text = '😀👩🏽‍⚕️ é on Ward 7B today';
  const findings = checker.check(text);
  const ward = findings.find((f) => f.rule === 'custom.ward');
  assert.ok(ward, JSON.stringify(findings));
  assert.equal(text.slice(ward.start, ward.end), 'Ward 7B');
  assert.equal(Object.getPrototypeOf(ward), Object.prototype);
  assert.equal(ward.category, 'client_data');
  assert.equal(ward.severity, 'warning');
  assert.equal(ward.message, 'Ward name');
  assert.ok(!('replacement' in ward));
});

test('a finding carries every field of the Finding interface, in order, and optional ones only when set', () => {
  const checker = new Checker({});
  const phone = checker.check('Call me on 07700 900123').find((f) => f.rule === 'patient-phone');
  assert.ok(phone);
  assert.deepEqual(Object.keys(phone), ['rule', 'category', 'severity', 'kind', 'start', 'end', 'message', 'why', 'suggestion', 'replacement']);
  assert.deepEqual([phone.category, phone.severity, phone.kind, phone.start, phone.end, phone.replacement], ['client_data', 'warning', 'phone', 11, 23, '[redacted]']);
  for (const key of ['message', 'why', 'suggestion']) assert.ok(typeof phone[key] === 'string' && phone[key].length > 10, key);
  const insult = checker.check('What an idiot.').find((f) => f.rule === 'insult');
  assert.deepEqual(Object.keys(insult), ['rule', 'category', 'severity', 'kind', 'start', 'end', 'message', 'why', 'suggestion']);
  assert.deepEqual([insult.kind, insult.start, insult.end], ['insult', 8, 13]);
});

test('clientHashes gives the salted SHA-256 digests the checker looks names up by', async () => {
  const { clientHashes } = await import('./load.mjs').then((m) => m.default);
  const { createHash } = await import('node:crypto');
  const sha = (salt, form) => createHash('sha256').update(salt).update('\0').update(form).digest('hex');
  assert.deepEqual(clientHashes('s1', '@Jenny_R'), [sha('s1', '@jenny_r')]);
  const hashes = clientHashes('s1', 'Jenny Rowe');
  assert.ok(hashes.length >= 2 && hashes.every((h) => /^[0-9a-f]{64}$/.test(h)), hashes.join());
  assert.notDeepEqual(clientHashes('s2', 'Jenny Rowe'), hashes, 'the salt changes every digest');
  assert.deepEqual(clientHashes('s1', ''), []);
  const text = 'Lovely to see Jenny Rowe at the clinic again today';
  const plain = new Checker({}).check(text).filter((f) => f.category === 'client_data');
  const listed = new Checker({ clients: { salt: 's1', hashes } }).check(text).filter((f) => f.category === 'client_data');
  assert.ok(!plain.some((f) => text.slice(f.start, f.end).includes('Jenny')), JSON.stringify(plain));
  assert.ok(listed.some((f) => text.slice(f.start, f.end).includes('Jenny')), JSON.stringify(listed));
});
