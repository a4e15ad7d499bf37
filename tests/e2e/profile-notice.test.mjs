// The follow guard's quiet notice on a listed client's own profile page: shown on a page load and
// after single-page navigation, not on anyone else's profile, not while Bedside is paused,
// dismissable, unreadable by the page, and counted (no names) in the audit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EXT_ID, clickOverlay, launch, overlay, until } from './harness.mjs';
import { setUserSettings } from './helpers.mjs';

const NOTICE = /on your client list/;
const notices = async (page) => (await overlay(page)).filter((i) => i.kind === 'notice' && i.visible);

let b;
before(async () => {
  b = await launch();
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${EXT_ID}/popup.html`);
  for (const who of ['@zq_handle', '@zebulon-q']) {
    await popup.fill('input[name="clientName"]', who);
    await popup.click('#client-add');
  }
  await until(async () => /\b2\b/.test(await popup.locator('#client-count').textContent()), { message: 'count 2' });
  await popup.close();
});
after(async () => { await b?.close(); });

test('LinkedIn: a client\'s profile page shows the notice on load; the page cannot read it; dismiss removes it', async () => {
  const page = await b.open('www.linkedin.com', '/in/zebulon-q/');
  const [n] = await until(async () => { const l = await notices(page); return l.length ? l : false; }, { message: 'notice on a client profile' });
  assert.match(n.text, NOTICE);
  const leaks = await page.evaluate(() => {
    const out = [];
    for (const h of document.querySelectorAll('bedside-overlay')) if (h.shadowRoot) out.push('open shadow root');
    if (document.body.innerText.includes('client list')) out.push('text in the page');
    return out;
  });
  assert.deepEqual(leaks, []);
  await clickOverlay(page, 'notice-close');
  await until(async () => (await notices(page)).length === 0, { message: 'notice dismissed' });
  await page.close();
});

test('X: no notice on the feed or on another profile; the notice follows single-page navigation to a client', async () => {
  const page = await b.open('x.com');
  await page.evaluate(() => history.pushState({}, '', '/mira_holt'));
  await page.waitForTimeout(1600); // the guard looks at the address once a second
  assert.equal((await notices(page)).length, 0, 'no notice on a non-client profile');
  await page.evaluate(() => history.pushState({}, '', '/zq_handle'));
  const [n] = await until(async () => { const l = await notices(page); return l.length ? l : false; }, { message: 'notice after navigation', timeout: 4000 });
  assert.match(n.text, NOTICE);
  const audit = await until(async () => {
    const a = await b.worker.evaluate(async () => (await chrome.storage.local.get('audit')).audit ?? {});
    const keys = Object.keys(a).filter((k) => k.endsWith('|boundaries|profile_notice'));
    return keys.some((k) => k.includes('|x|')) && keys.some((k) => k.includes('|linkedin|')) ? a : false;
  }, { message: 'profile_notice counted for x and linkedin' });
  assert.ok(!JSON.stringify(audit).includes('zq_handle') && !JSON.stringify(audit).includes('zebulon'), 'no names in the audit');
  await page.close();
});

test('LinkedIn, paused: no notice on a client\'s profile; resumed, it shows without a reload', async () => {
  await setUserSettings(b.worker, { active: false });
  try {
    const page = await b.open('www.linkedin.com', '/in/zebulon-q/');
    await page.waitForTimeout(2500); // the settings are read at once; the address every second
    assert.equal((await notices(page)).length, 0, 'no notice while paused');
    await setUserSettings(b.worker, { active: true });
    const [n] = await until(async () => { const l = await notices(page); return l.length ? l : false; }, { message: 'notice after resuming' });
    assert.match(n.text, NOTICE);
    await page.close();
  } finally {
    await setUserSettings(b.worker, { active: true });
  }
});
