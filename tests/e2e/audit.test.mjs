// The organisation's audit, fed by the in-page layer: a warning shown, a pre-submit dialog shown
// ("post reviewed") and "Post anyway" ("override") are counted by week, site and category, with no
// text. The popup's weekly counts and the options page's CSV export show the same numbers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EXT_ID, clickOverlay, launch, overlay, until } from './harness.mjs';
import { CLAIM, expectUnderlined, posted } from './helpers.mjs';

const X_ED = "[data-testid='tweetTextarea_0']";
const LI_ED = '[data-fixture="li-compose"] .ql-editor';
// Our own draft; 19650423-1231 is a made-up personnummer with a valid Luhn check digit.
const PNR = '19650423-1231';
const X_TEXT = `Remember to update the chart for ${PNR} before Friday`;
const LI_TEXT = `Our new programme gives ${CLAIM} for everyone`;
const KEY_RE = /^\d{4}-W\d{2}\|(x|facebook|instagram|linkedin)\|(client_data|tone|advice|claims|boundaries|-)\|(warning_shown|post_reviewed|override|guard_shown|guard_cancelled|guard_continued|profile_notice)$/;

let s;
before(async () => { s = await launch(); });
after(async () => { await s?.close(); });

const audit = () => s.worker.evaluate(async () => (await chrome.storage.local.get('audit')).audit ?? {});
/** Sums the counts of this week (the only week in a fresh profile) for site|category|event. */
function count(a, site, category, event) {
  return Object.entries(a).filter(([k]) => k.endsWith(`|${site}|${category}|${event}`)).reduce((n, [, v]) => n + v, 0);
}

test('audit: warnings shown, posts reviewed and overrides are counted by site and category, once each', async () => {
  // X (Draft.js): a client identifier; client data asks before posting by default.
  const page = await s.open('x.com');
  await page.click(X_ED);
  await page.keyboard.type(X_TEXT);
  await expectUnderlined(page, X_ED, PNR, 'personnummer');
  // More typing around the same warning does not count it again.
  await page.keyboard.type(', thanks!');
  await page.keyboard.press('Home');
  await page.keyboard.type('Note: ');
  await expectUnderlined(page, X_ED, PNR, 'personnummer');
  await until(async () => count(await audit(), 'x', 'client_data', 'warning_shown') === 1, { message: 'warning_shown counted' });

  // Post: dialog (reviewed), "Review"; Post again: dialog (reviewed), "Post anyway" (override).
  await page.click("[data-testid='tweetButtonInline']");
  await until(async () => (await overlay(page)).find((i) => i.kind === 'dialog' && i.visible), { message: 'dialog' });
  await clickOverlay(page, 'btn', 'review');
  await until(async () => !(await overlay(page)).some((i) => i.kind === 'dialog'), { message: 'dialog closed' });
  await page.click("[data-testid='tweetButtonInline']");
  await until(async () => (await overlay(page)).find((i) => i.kind === 'dialog' && i.visible), { message: 'dialog again' });
  await clickOverlay(page, 'btn', 'post');
  await until(async () => (await posted(page)).includes('x-compose'), { message: 'posted' });
  await page.close();

  // LinkedIn (Quill): a claim; claims only warn by default, so no dialog and no override.
  const li = await s.open('www.linkedin.com');
  await li.click(LI_ED);
  await li.keyboard.type(LI_TEXT);
  await expectUnderlined(li, LI_ED, CLAIM, 'guaranteed-results');
  await li.click('button.share-actions__primary-action');
  await until(async () => (await posted(li)).includes('li-compose'), { message: 'LinkedIn posted without a dialog' });
  await li.close();

  const a = await until(async () => {
    const got = await audit();
    return count(got, 'x', 'client_data', 'override') === 1 && count(got, 'linkedin', 'claims', 'warning_shown') === 1 ? got : false;
  }, { message: 'audit counts' });
  assert.equal(count(a, 'x', 'client_data', 'warning_shown'), 1);
  assert.equal(count(a, 'x', 'client_data', 'post_reviewed'), 2);
  assert.equal(count(a, 'x', 'client_data', 'override'), 1);
  assert.equal(count(a, 'linkedin', 'claims', 'warning_shown'), 1);
  assert.equal(count(a, 'linkedin', 'claims', 'post_reviewed'), 0);
  assert.equal(count(a, 'linkedin', 'claims', 'override'), 0);

  // No text: keys are week|site|category|event, values are counts; nothing typed is stored.
  for (const [k, v] of Object.entries(a)) {
    assert.match(k, KEY_RE);
    assert.ok(Number.isInteger(v) && v > 0, `${k}: ${v}`);
  }
  const stored = JSON.stringify(await s.worker.evaluate(() => chrome.storage.local.get(null))).toLowerCase();
  for (const secret of [PNR, '650423', 'chart', 'friday', 'guaranteed', 'programme', 'everyone']) {
    assert.ok(!stored.includes(secret.toLowerCase()), `storage holds "${secret}"`);
  }
});

test('audit: the popup shows this week\'s warnings by category; the options page exports the CSV', async () => {
  const a = await audit();
  const week = Object.keys(a)[0].split('|')[0];

  const popup = await s.context.newPage();
  await popup.goto(`chrome-extension://${EXT_ID}/popup.html`);
  await popup.waitForSelector('[data-week-count="client_data"]');
  assert.equal(await popup.locator('[data-week-count="client_data"]').textContent(), '1');
  assert.equal(await popup.locator('[data-week-count="claims"]').textContent(), '1');
  assert.equal(await popup.locator('[data-week-count="tone"]').textContent(), String(count(a, 'x', 'tone', 'warning_shown') + count(a, 'linkedin', 'tone', 'warning_shown')));
  await popup.close();

  const options = await s.context.newPage();
  await options.goto(`chrome-extension://${EXT_ID}/options.html`);
  await options.waitForSelector('#audit-body table');
  const [download] = await Promise.all([options.waitForEvent('download'), options.click('#audit-export')]);
  assert.equal(download.suggestedFilename(), 'bedside-audit.csv');
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'week,site,category,event,count');
  for (const row of [
    `${week},x,client_data,warning_shown,1`,
    `${week},x,client_data,post_reviewed,2`,
    `${week},x,client_data,override,1`,
    `${week},linkedin,claims,warning_shown,1`,
  ]) assert.ok(csv.includes(row), `CSV has ${row}: ${JSON.stringify(csv)}`);
  assert.equal(csv.length - 1, Object.keys(a).length, 'one row per counter');
  for (const line of csv.slice(1)) assert.match(line, /^\d{4}-W\d{2},[a-z]+,[a-z_-]+,[a-z_]+,\d+$/);
  await options.close();
});
