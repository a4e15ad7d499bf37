// Bedside's global switch (the popup's Pause / Resume, stored as the user's `active`), in real
// Chromium with the built extension on all four sites: paused, every box's badge says off, nothing
// is underlined, a flagged draft is posted by its button or by Enter without a question, and the
// follow guard lets a client's Follow through (paused means paused everywhere, as a site turned
// off already does for its own pages). Resumed, the open drafts are checked again without a
// reload. An organisation's `allowPause: false` locks the switch on: the popup shows it locked and
// a stored `active: false` changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EXT_ID, clickOverlay, launch, overlay, until } from './harness.mjs';
import { CLAIM, FOLLOW_CARDS, addClients, addFollowCards, expectUnderlined, followed, model, posted, setUserSettings, underlines, withPolicy } from './helpers.mjs';

const RULE = 'guaranteed-results';
/** Each site's main compose box with its Post button, and one box where Enter sends. */
const SITES = [
  { host: 'x.com', compose: { id: 'x-compose', sel: "[data-testid='tweetTextarea_0']" }, post: "[data-testid='tweetButtonInline']",
    enter: { id: 'x-dm', sel: "[data-testid='dmComposerTextInput']" } },
  { host: 'www.facebook.com', compose: { id: 'fb-compose', sel: '[data-fixture="fb-compose"]' }, post: "[role='dialog'] [role='button'][aria-label='Post']",
    enter: { id: 'fb-comment', sel: '[data-fixture="fb-comment"]' } },
  { host: 'www.instagram.com', compose: { id: 'ig-compose', sel: '[data-fixture="ig-compose"]' }, post: "[role='dialog'] [role='button']",
    enter: { id: 'ig-comment', sel: 'textarea[data-fixture="ig-comment"]' } },
  { host: 'www.linkedin.com', compose: { id: 'li-compose', sel: '[data-fixture="li-compose"] .ql-editor' }, post: '.share-actions__primary-action',
    enter: { id: 'li-dm', sel: '[data-fixture="li-dm"] .ql-editor' } },
];

const badges = async (page) => (await overlay(page)).filter((i) => i.kind === 'badge' && i.visible);
const dialogShown = async (page) => (await overlay(page)).some((i) => (i.kind === 'dialog' || i.kind === 'guard') && i.visible);
/** Every box's badge says off, and nothing is underlined. */
const allOff = async (page) => {
  const b = await badges(page);
  return b.length >= 2 && b.every((x) => x.attrs['data-state'] === 'off' && x.text === 'Checking is off here') && (await underlines(page)).length === 0;
};

async function openPopup(b) {
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${EXT_ID}/popup.html`);
  await popup.waitForSelector('#status');
  return popup;
}
const storedActive = (b) => b.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings?.active);

let b;
before(async () => { b = await launch(); });
after(async () => { await b?.close(); });

test('paused from the popup: every site shows off, underlines nothing and asks nothing on Post or Enter; resumed, open drafts are checked again', async () => {
  await setUserSettings(b.worker, { enforcement: { claims: 'confirm' } });
  try {
    // A flagged draft in two boxes on each site, underlined while Bedside is on.
    const pages = [];
    for (const s of SITES) {
      const page = await b.open(s.host);
      for (const box of [s.compose, s.enter]) {
        await page.click(box.sel);
        await page.keyboard.type(`We offer ${CLAIM}.`);
      }
      await until(async () => (await underlines(page, RULE)).length === 2, { message: `${s.host}: both drafts underlined` });
      pages.push(page);
    }

    const popup = await openPopup(b);
    assert.equal(await popup.locator('#status').textContent(), 'Checking is on');
    await popup.click('#pause');
    await until(async () => (await popup.locator('#status').textContent()) === 'Checking is paused', { message: 'popup says paused' });
    assert.equal(await storedActive(b), false, 'the switch is the stored user setting');

    for (const [i, s] of SITES.entries()) {
      const page = pages[i];
      await page.bringToFront();
      await until(() => allOff(page), { message: `${s.host}: every badge off, no underline` });
      // A new claim typed while paused, then the Post button: posted, not asked, not underlined.
      await page.click(s.compose.sel);
      await page.keyboard.press('End');
      await page.keyboard.type(' This cures anxiety.');
      assert.equal(await model(page, s.compose.id), `We offer ${CLAIM}. This cures anxiety.`);
      await page.click(s.post);
      await until(async () => (await posted(page)).includes(s.compose.id), { message: `${s.host}: Post went through` });
      // Enter in a box where Enter sends.
      await page.click(s.enter.sel);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await until(async () => (await posted(page)).includes(s.enter.id), { message: `${s.host}: Enter sent` });
      assert.equal(await dialogShown(page), false, `${s.host}: nothing asked while paused`);
      assert.ok(await allOff(page), `${s.host}: still off after typing and posting`);
    }

    await popup.click('#pause');
    await until(async () => (await popup.locator('#status').textContent()) === 'Checking is on', { message: 'popup says on' });
    assert.equal(await storedActive(b), true);
    await popup.close();

    for (const [i, s] of SITES.entries()) {
      const page = pages[i];
      await page.bringToFront();
      // The text typed while paused is checked now (only a new check can find the new claim).
      await expectUnderlined(page, s.compose.sel, 'cures anxiety', 'cures-condition');
      await until(async () => (await badges(page)).some((x) => x.attrs['data-state'] === 'findings' && x.attrs['data-count'] === '2'), { message: `${s.host}: badge counts both findings` });
      await until(async () => (await underlines(page, RULE)).length === 2, { message: `${s.host}: the claims underlined again` });
      // And Enter asks again.
      await page.click(s.enter.sel);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await until(() => dialogShown(page), { message: `${s.host}: Enter asks again` });
      assert.equal((await posted(page)).filter((id) => id === s.enter.id).length, 1, `${s.host}: not sent a second time`);
      await clickOverlay(page, 'btn', 'review');
      await page.close();
    }
  } finally {
    await setUserSettings(b.worker, { active: true, enforcement: {} });
  }
});

test('paused: the follow guard lets a client\'s Follow through on every site; resumed, it stops it again without a reload', async () => {
  await addClients(b, ['Zebulon Quartermaine', '@zq_handle']);
  try {
    const pages = [];
    for (const host of Object.keys(FOLLOW_CARDS)) {
      const page = await b.open(host);
      await addFollowCards(page, host, [['client', 'Zebulon Quartermaine', host === 'www.instagram.com' ? 'zq_handle' : 'zebulon.q']]);
      pages.push([host, page]);
    }
    const button = '#client button, #client [role=button]';

    await setUserSettings(b.worker, { active: false });
    for (const [host, page] of pages) {
      await page.bringToFront();
      // The guard reads settings on a change event: wait until the click passes, then make sure it
      // passed without a dialog.
      await until(async () => {
        if (await dialogShown(page)) await clickOverlay(page, 'guard-button', 'cancel');
        await page.click(button);
        return (await followed(page)).includes('client');
      }, { message: `${host}: Follow passes while paused` });
      assert.equal(await dialogShown(page), false, `${host}: no guard dialog while paused`);
    }

    await setUserSettings(b.worker, { active: true });
    for (const [host, page] of pages) {
      await page.bringToFront();
      const before = (await followed(page)).length;
      await until(async () => {
        if (!(await dialogShown(page))) await page.click(button);
        return dialogShown(page);
      }, { message: `${host}: guard dialog again` });
      await clickOverlay(page, 'guard-button', 'cancel');
      assert.equal((await followed(page)).length, before, `${host}: the site did not see the click`);
      await page.close();
    }
  } finally {
    await setUserSettings(b.worker, { active: true });
  }
});

test('policy allowPause: false locks checking on: the popup shows the lock, and a stored active: false changes nothing', async () => {
  await withPolicy({ allowPause: false }, async (p) => {
    await until(() => p.worker.evaluate(() => chrome.storage.managed.get(null).then((m) => m.allowPause === false)), { message: 'managed storage', timeout: 15000 });
    await setUserSettings(p.worker, { active: false, enforcement: { claims: 'confirm' } });

    const popup = await openPopup(p);
    await popup.waitForSelector('[data-locked="active"]');
    assert.equal(await popup.locator('#status').textContent(), 'Checking is on');
    assert.equal(await popup.locator('#pause').count(), 0, 'no Pause button');
    assert.match(await popup.locator('[data-locked="active"]').textContent(), /Set by your organisation/);
    await popup.close();

    const s = SITES[0];
    const page = await p.open(s.host);
    await page.click(s.compose.sel);
    await page.keyboard.type(`We offer ${CLAIM}.`);
    await expectUnderlined(page, s.compose.sel, CLAIM, RULE);
    assert.ok((await badges(page)).some((x) => x.attrs['data-state'] === 'findings'), 'the badge counts the finding');
    await page.click(s.post);
    await until(() => dialogShown(page), { message: 'Post asks' });
    assert.deepEqual(await posted(page), []);
    await page.close();
  }, 'bedside-test-switch');
});
