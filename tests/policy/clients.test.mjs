// The client list: import with per-row errors, salted hashes only, audit counters without text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const c = await loadTs('extension/src/settings/clients.ts');
const canon = await loadTs('extension/src/settings/canon.ts');
const audit = await loadTs('extension/src/settings/audit.ts');

test('profile links become handles on all four sites', () => {
  assert.equal(c.handleFromUrl('https://x.com/Jenny_R'), '@jenny_r');
  assert.equal(c.handleFromUrl('https://twitter.com/jenny_r/status/1'), '@jenny_r');
  assert.equal(c.handleFromUrl('https://www.facebook.com/profile.php?id=100012345'), '@id100012345');
  assert.equal(c.handleFromUrl('https://m.facebook.com/anna.lindqvist'), '@anna.lindqvist');
  assert.equal(c.handleFromUrl('instagram.com/anna_l/'), '@anna_l');
  assert.equal(c.handleFromUrl('https://www.linkedin.com/in/anna-lindqvist-123/'), '@anna-lindqvist-123');
  assert.equal(c.handleFromUrl('https://www.linkedin.com/company/acme'), null);
  assert.equal(c.handleFromUrl('https://x.com/home'), null);
  assert.equal(c.handleFromUrl('https://example.com/anna'), null);
});

test('CSV and pasted lists import with per-row errors; the rest is kept', () => {
  const csv = [
    'name,x,facebook',
    'Anna Lindqvist,@anna_l,https://www.facebook.com/anna.lindqvist',
    '"Wróblewska, Kasia",,',
    ',,',
    'Ola Nordmann,https://example.com/ola',
    'Bo,',
    '@only_handle',
    '',
    'Mehmet Öz; extra',
  ].join('\n');
  const { entries, errors } = c.parseClientList(csv);
  assert.deepEqual(entries.map((e) => e.name), ['Anna Lindqvist', 'Wróblewska, Kasia', '', 'Mehmet Öz; extra']);
  assert.deepEqual(entries[0].handles, ['@anna_l', '@anna.lindqvist']);
  assert.deepEqual(entries[2].handles, ['@only_handle']);
  assert.deepEqual(errors.map((e) => [e.row, e.code]), [[4, 'no_name'], [5, 'bad_profile'], [6, 'name_too_short']]);
  const pasted = c.parseClientList('Anna Lindqvist\nKasia Wróblewska\tinstagram.com/kasia.w/\n');
  assert.equal(pasted.entries.length, 2);
  assert.deepEqual(pasted.errors, []);
});

test('the stored list holds salted hashes and a count, never a name', () => {
  const store = c.addToStore({ salt: 'f00d', hashes: [], guardHashes: [], count: 0 }, [
    { name: 'Anna Lindqvist', handles: ['@anna_l'] },
    { name: 'Kasia Wróblewska', handles: [] },
  ]);
  assert.equal(store.count, 2);
  const json = JSON.stringify(store).toLowerCase();
  for (const w of ['anna', 'lindqvist', 'kasia', 'wroblewska', 'wróblewska', 'anna_l', 'lindqv']) assert.ok(!json.includes(w), w);
  assert.ok(store.hashes.every((h) => /^[0-9a-f]{64}$/.test(h)));
  assert.ok(store.guardHashes.includes(canon.hashForm('f00d', canon.guardForm('anna lindqvist'))));
  assert.ok(store.guardHashes.includes(canon.hashForm('f00d', '@anna_l')));
  assert.ok(!store.guardHashes.includes(canon.hashForm('f00d', 'lindqvist')), 'one word of a name does not trigger the guard');
  assert.ok(store.hashes.includes(canon.hashForm('f00d', 'lindqvist')), 'but the checker gets every form');
  const other = c.addToStore({ salt: 'beef', hashes: [], guardHashes: [], count: 0 }, [{ name: 'Anna Lindqvist', handles: [] }]);
  assert.ok(!other.hashes.some((h) => store.hashes.includes(h)), 'a different salt gives different hashes');
  assert.match(c.newSalt(), /^[0-9a-f]{32}$/);
  assert.notEqual(c.newSalt(), c.newSalt());
});

test('audit counters: ISO weeks, no free text, CSV', () => {
  assert.equal(audit.isoWeek(new Date(2021, 0, 3)), '2020-W53');
  assert.equal(audit.isoWeek(new Date(2024, 11, 30)), '2025-W01');
  assert.equal(audit.isoWeek(new Date(2025, 1, 12)), '2025-W07');
  assert.equal(audit.auditKey('warning_shown', 'x', 'tone', '2025-W07'), '2025-W07|x|tone|warning_shown');
  assert.equal(audit.auditKey('warning_shown', 'x', 'Anna Lindqvist'), null);
  assert.equal(audit.auditKey('typed: hello', 'x', 'tone'), null);
  assert.equal(audit.auditKey('override', 'https://x.com/anna', 'tone'), null);
  const counts = { '2025-W07|x|tone|warning_shown': 3, '2025-W07|facebook|boundaries|guard_shown': 1 };
  assert.equal(audit.toCsv(counts), 'week,site,category,event,count\n2025-W07,facebook,boundaries,guard_shown,1\n2025-W07,x,tone,warning_shown,3\n');
  assert.deepEqual(audit.thisWeekByCategory(counts, 'warning_shown', '2025-W07'), { tone: 3 });
});
