// The organisation's policy, for real: a policy file in /etc/chromium/policies/managed/ (present
// only while this test's browser runs; removed in `finally`), read by Chromium and applied by the
// extension. Locks in the popup, block mode, an org pattern flagged, an allow-listed clinic number
// not flagged, invalid values under "Policy problems" while the rest applies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXT_ID, clickOverlay, launch, overlay, until, wordRects } from './harness.mjs';
import { withPolicy } from './helpers.mjs';

const ED = "[data-testid='tweetTextarea_0']";
const CLINIC = '+46 8 555 01 23';

const policy = {
  sites: { x: { enabled: true, locked: true }, linkedin: { enabled: false, locked: true }, myspace: { enabled: true } },
  categories: { client_data: { enabled: true, locked: true } },
  enforcement: { client_data: 'block' },
  allowList: [CLINIC],
  customRules: [
    { id: 'org_record', category: 'client_data', severity: 'critical', pattern: '\\bRJX-\\d{6}\\b', message: 'Hospital record number' },
    { id: 'broken', category: 'client_data', pattern: '(unclosed', message: 'never applies' },
  ],
  allowOverride: false,
  communicationLevel: 2,
};

async function extPage(b, file) {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${EXT_ID}/${file}`);
  return page;
}

test('policy: locks in the popup, problems in options, block mode, org pattern, allow-listed number', async () => {
  await withPolicy(policy, async (b) => {
    // The extension sees the policy.
    const managed = await until(() => b.worker.evaluate(() => chrome.storage.managed.get(null).then((m) => (m.enforcement ? m : null))), { message: 'managed storage', timeout: 15000 });
    assert.equal(managed.enforcement.client_data, 'block');

    // Popup: locked items are disabled and say so.
    const popup = await extPage(b, 'popup.html');
    await popup.waitForSelector('input[name="sites.x"]');
    assert.equal(await popup.locator('input[name="sites.linkedin"]').isDisabled(), true);
    assert.equal(await popup.locator('input[name="sites.linkedin"]').isChecked(), false);
    assert.equal(await popup.locator('input[name="sites.facebook"]').isDisabled(), false);
    assert.equal(await popup.locator('select[name="enforcement.client_data"]').isDisabled(), true);
    assert.equal(await popup.locator('select[name="enforcement.client_data"]').inputValue(), 'block');
    assert.equal(await popup.locator('select[name="enforcement.tone"]').isDisabled(), false);
    assert.match(await popup.locator('[data-locked="sites.linkedin"]').textContent(), /Set by your organisation/);
    assert.ok((await popup.locator('#allow li[data-org]').allTextContents()).some((t) => t.includes(CLINIC)));
    // A user can't unlock it by writing storage either.
    await b.worker.evaluate(() => chrome.storage.local.set({ settings: { sites: { linkedin: true }, enforcement: { client_data: 'warn' } } }));
    await popup.reload();
    await popup.waitForSelector('input[name="sites.x"]');
    assert.equal(await popup.locator('input[name="sites.linkedin"]').isChecked(), false);
    assert.equal(await popup.locator('select[name="enforcement.client_data"]').inputValue(), 'block');

    // Options: the invalid values, with key and reason; the rest applies.
    const options = await extPage(b, 'options.html');
    await options.waitForSelector('#problems-table');
    const rows = await options.locator('#problems-table tr[data-key]').evaluateAll((trs) => trs.map((tr) => [tr.dataset.key, tr.dataset.code, tr.textContent]));
    const byKey = Object.fromEntries(rows.map(([k, c]) => [k, c]));
    assert.equal(byKey['sites.myspace'], 'unknown_site', JSON.stringify(rows));
    assert.equal(byKey['customRules[1].pattern'], 'bad_regex', JSON.stringify(rows));
    assert.ok(rows.every(([, , text]) => text.trim().length > 0));
    assert.ok(!('enforcement.client_data' in byKey));

    // On the page: the org pattern is flagged, the clinic number is not, and block mode leaves
    // no "Post anyway".
    const page = await b.open('x.com');
    await page.click(ED);
    await page.keyboard.type(`Patient ref RJX-123456, call ${CLINIC} today`);
    const u = await until(async () => {
      const got = (await overlay(page)).filter((i) => i.kind === 'u' && i.attrs['data-rule'] === 'custom.org_record');
      return got.length ? got : false;
    }, { message: 'org pattern underline', timeout: 8000 });
    assert.ok(u.length >= 1);
    const clinic = await wordRects(page, ED, CLINIC);
    const all = (await overlay(page)).filter((i) => i.kind === 'u');
    const overlaps = all.filter((i) => clinic.some((r) => i.rect.x < r.x + r.width && r.x < i.rect.x + i.rect.width && Math.abs(i.rect.y - r.y) < r.height));
    assert.deepEqual(overlaps.map((i) => i.attrs['data-rule']), [], 'allow-listed clinic number is not underlined');
    await page.click("[data-testid='tweetButtonInline']");
    await until(async () => (await overlay(page)).find((i) => i.kind === 'dialog' && i.visible), { message: 'pre-submit dialog' });
    const actions = (await overlay(page)).filter((i) => i.kind === 'btn').map((i) => i.attrs['data-action']);
    assert.ok(actions.includes('review'), JSON.stringify(actions));
    assert.ok(!actions.includes('post'), 'no "Post anyway" in block mode');
    assert.deepEqual(await page.evaluate(() => window.__fixture.posted.map((p) => p.id)), []);
  });
});

test('policy: without a policy nothing is locked and there are no problems', async () => {
  const b = await launch();
  try {
    const options = await extPage(b, 'options.html');
    await options.waitForSelector('#problems-none');
    const popup = await extPage(b, 'popup.html');
    await popup.waitForSelector('input[name="sites.x"]');
    assert.equal(await popup.locator('[data-locked]').count(), 0);
    assert.equal(await popup.locator('input[name="sites.linkedin"]').isDisabled(), false);
  } finally {
    await b.close();
  }
});
