// Layering and validation of the organisation's policy: managed over user over defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const { mergeSettings, validatePolicy } = await loadTs('extension/src/settings/merge.ts').then(async (m) => ({
  ...m,
  ...(await loadTs('extension/src/settings/policy.ts')),
}));

const merge = (user, policy, clients = null) => mergeSettings(user, policy, clients, 'en-GB');

test('defaults: everything on, nothing locked, browser language', () => {
  const { effective, problems } = merge(undefined, undefined);
  assert.deepEqual(problems, []);
  assert.equal(effective.active, true);
  assert.deepEqual(effective.sites, { x: true, facebook: true, instagram: true, linkedin: true });
  assert.deepEqual(effective.checker.disabledCategories, []);
  assert.deepEqual(effective.locked, []);
  assert.equal(effective.uiLang, 'en');
  assert.equal(effective.userMayOverride, true);
  assert.equal(effective.clientListEnabled, true);
  assert.equal(mergeSettings({}, {}, null, 'sv-SE').effective.uiLang, 'sv');
  assert.equal(mergeSettings({}, {}, null, 'de-DE').effective.uiLang, 'en');
});

test('user settings override defaults', () => {
  const { effective } = merge(
    { sites: { x: false }, categories: { tone: false }, enforcement: { claims: 'block' }, underlineFrom: 'warning', uiLang: 'pl', active: false, allowList: ['Ward 7'] },
    {},
  );
  assert.equal(effective.sites.x, false);
  assert.equal(effective.sites.facebook, true);
  assert.equal(effective.categories.tone, false);
  assert.deepEqual(effective.checker.disabledCategories, ['tone']);
  assert.equal(effective.enforcement.claims, 'block');
  assert.equal(effective.underlineFrom, 'warning');
  assert.equal(effective.uiLang, 'pl');
  assert.equal(effective.checker.uiLang, 'pl');
  assert.equal(effective.active, false);
  assert.deepEqual(effective.checker.allowList, ['Ward 7']);
});

test('locked policy beats the user; unlocked policy is only a default', () => {
  const policy = {
    sites: { x: { enabled: false, locked: true }, facebook: { enabled: false } },
    categories: { client_data: { enabled: true, locked: true } },
  };
  const { effective, problems } = merge({ sites: { x: true }, categories: { client_data: false } }, policy);
  assert.deepEqual(problems, []);
  assert.equal(effective.sites.x, false, 'locked site stays off although the user switched it on');
  assert.equal(effective.categories.client_data, true);
  assert.equal(effective.sites.facebook, false, 'unlocked policy value replaces the default');
  assert.ok(effective.locked.includes('sites.x'));
  assert.ok(effective.locked.includes('categories.client_data'));
  assert.ok(!effective.locked.includes('sites.facebook'));
  const withUser = merge({ sites: { facebook: true } }, policy).effective;
  assert.equal(withUser.sites.facebook, true, 'the user may change an unlocked policy default');
});

test('enforcement, strictness, override, pause, communication level and client list from policy', () => {
  const clients = { salt: 'abc', hashes: ['00ff'], count: 1 };
  const { effective } = merge(
    { enforcement: { client_data: 'warn' }, active: false, askBeforePostingFrom: 'critical' },
    { enforcement: { client_data: 'block' }, askBeforePostingFrom: 'hint', allowOverride: false, allowPause: false, communicationLevel: 2, clientList: true },
    clients,
  );
  assert.equal(effective.enforcement.client_data, 'block');
  assert.equal(effective.askBeforePostingFrom, 'hint');
  assert.equal(effective.userMayOverride, false);
  assert.equal(effective.userMayPause, false);
  assert.equal(effective.active, true, 'a user pause does not survive allowPause: false');
  assert.equal(effective.checker.communicationLevel, 2);
  assert.deepEqual(effective.checker.clients, { salt: 'abc', hashes: ['00ff'] });
  for (const k of ['enforcement.client_data', 'askBeforePostingFrom', 'userMayOverride', 'active', 'communicationLevel', 'clientList']) {
    assert.ok(effective.locked.includes(k), k);
  }
  const off = merge({}, { clientList: false }, clients).effective;
  assert.equal(off.clientListEnabled, false);
  assert.equal(off.checker.clients, undefined, 'no client hashes reach the checker when policy turns the feature off');
});

test('organisation allow-list and custom rules join the user allow-list', () => {
  const rule = { id: 'mrn', category: 'client_data', severity: 'critical', pattern: 'MRN-\\d{6}', message: 'Record number' };
  const { effective, problems } = merge({ allowList: ['my own line', '08-123 456'] }, { allowList: ['08-123 456', 'Ward 12'], customRules: [rule] });
  assert.deepEqual(problems, []);
  assert.deepEqual(effective.checker.allowList, ['08-123 456', 'Ward 12', 'my own line']);
  assert.deepEqual(effective.orgAllowList, ['08-123 456', 'Ward 12']);
  assert.deepEqual(effective.checker.customRules, [rule]);
  assert.ok(effective.locked.includes('allowList'));
});

test('invalid values are reported with key and reason; the rest applies', () => {
  const policy = {
    sites: { myspace: { enabled: true }, linkedin: { enabled: 'no', locked: true }, x: { enabled: false, locked: true } },
    categories: { gossip: { enabled: false } },
    enforcement: { tone: 'shout', claims: 'block' },
    communicationLevel: 7,
    allowOverride: 'yes',
    allowList: ['ok', 3],
    customRules: [
      { id: 'bad', category: 'client_data', pattern: '(unclosed', message: 'x' },
      { id: 'look', category: 'client_data', pattern: '(?<=a)b', message: 'x' },
      { id: 'good', category: 'claims', terms: ['wonder cure'], message: 'No wonder cures' },
      { id: 'nocat', category: 'nope', terms: ['a'], message: 'x' },
      { id: 'empty', category: 'tone', message: 'x' },
    ],
    colour: 'blue',
  };
  const { effective, problems } = merge({}, policy);
  const byKey = Object.fromEntries(problems.map((p) => [p.key, p.code]));
  assert.equal(byKey['sites.myspace'], 'unknown_site');
  assert.equal(byKey['sites.linkedin.enabled'], 'wrong_type');
  assert.equal(byKey['categories.gossip'], 'unknown_category');
  assert.equal(byKey['enforcement.tone'], 'bad_value');
  assert.equal(byKey.communicationLevel, 'out_of_range');
  assert.equal(byKey.allowOverride, 'wrong_type');
  assert.equal(byKey['allowList[1]'], 'wrong_type');
  assert.equal(byKey['customRules[0].pattern'], 'bad_regex');
  assert.equal(byKey['customRules[1].pattern'], 'bad_regex');
  assert.equal(byKey['customRules[3].category'], 'unknown_category');
  assert.equal(byKey['customRules[4]'], 'bad_value');
  assert.equal(byKey.colour, 'unknown_key');
  assert.ok(problems.every((p) => typeof p.key === 'string' && p.code));
  // the valid rest still applies
  assert.equal(effective.sites.x, false);
  assert.ok(effective.locked.includes('sites.x'));
  assert.equal(effective.sites.linkedin, true);
  assert.equal(effective.enforcement.claims, 'block');
  assert.equal(effective.enforcement.tone, 'warn');
  assert.equal(effective.userMayOverride, true);
  assert.equal(effective.checker.communicationLevel, undefined);
  assert.deepEqual(effective.orgAllowList, ['ok']);
  assert.deepEqual(effective.checker.customRules.map((r) => r.id), ['good']);
});

test('never throws, whatever the policy', () => {
  for (const junk of [null, 42, 'x', [], [1, 2], { sites: null }, { customRules: [null, 1, 'a', []] }, { sites: [] }, { categories: { tone: null } }]) {
    const { effective, problems } = merge({ sites: 'nonsense', allowList: 'no' }, junk);
    assert.equal(typeof effective.active, 'boolean');
    assert.ok(Array.isArray(problems));
  }
  assert.equal(validatePolicy({ customRules: [{ id: 'r', category: 'tone', pattern: 'a'.repeat(3000), message: 'm' }] }).problems[0].code, 'bad_regex');
});
