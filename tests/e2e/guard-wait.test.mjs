// A post made while the draft's verdict is still out (the service worker busy or starting cold)
// waits for it, and is never let through unchecked only because the check was late. The worker is
// made busy for real: a synchronous loop evaluated in the extension's service worker holds its
// thread, so the content script's check waits in the port's queue as it would behind a slow start.
// A verdict that never comes ends, after 15 s, in a dialog that offers posting unchecked; under an
// organisation's block mode, a finding already known stays blocked while the checker is stuck.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOverlay, launch, overlay, until } from './harness.mjs';
import { CLAIM, model, posted, setUserSettings, withPolicy } from './helpers.mjs';

const X = { host: 'x.com', id: 'x-compose', sel: "[data-testid='tweetTextarea_0']", post: "[data-testid='tweetButtonInline']" };
const BUSY_MS = 6000; // well beyond the 1.5 s the guard waits silently

let s;
before(async () => { s = await launch(); await setUserSettings(s.worker, { enforcement: { claims: 'confirm' } }); });
after(async () => { await s?.close(); });

/** Holds the service worker's thread for `ms`; resolves when it is free again. */
function busyWorker(ms, b = s) {
  return b.worker.evaluate((ms) => { const end = Date.now() + ms; while (Date.now() < end); }, ms);
}
const dialog = async (page) => (await overlay(page)).find((i) => i.kind === 'dialog' && i.visible);

for (const [what, text, flagged] of [['with a claim', `Book now for ${CLAIM}`, true], ['with nothing to flag', 'Book now for the spring clinic', false]]) {
  test(`X: Post while the checker is busy: "still checking" until the verdict, then ${flagged ? 'the findings' : 'posted by itself'} (${what})`, async () => {
    const page = await s.open(X.host);
    await page.click(X.sel);
    await page.keyboard.type('Hello. ');
    await until(async () => (await overlay(page)).some((i) => i.kind === 'badge' && i.attrs['data-state'] === 'clean'), { message: 'first verdict' });
    const freed = busyWorker(BUSY_MS);
    // One edit of many characters: no prepared next-keystroke verdict covers it, so it needs the worker.
    await page.keyboard.insertText(text);
    await page.click(X.post);
    const waiting = await until(() => dialog(page), { timeout: BUSY_MS, message: 'the "still checking" dialog' });
    assert.equal(waiting.attrs['data-verdict'], 'checking');
    assert.deepEqual(await posted(page), [], 'not posted while the verdict is out');
    await freed;
    if (flagged) {
      const found = await until(async () => { const d = await dialog(page); return d?.attrs['data-verdict'] === 'found' && d; }, { message: 'the findings dialog' });
      assert.ok(found);
      assert.deepEqual(await posted(page), [], 'asked, not posted');
      await clickOverlay(page, 'btn', 'post');
    }
    await until(async () => (await posted(page)).length === 1, { message: 'posted' });
    assert.equal(await model(page, X.id), `Hello. ${text}`, 'the draft is whole');
    await page.close();
  });
}

test('X: "Review" in the "still checking" dialog goes back to the draft and posts nothing', async () => {
  const page = await s.open(X.host);
  await page.click(X.sel);
  await page.keyboard.type('Hello. ');
  await until(async () => (await overlay(page)).some((i) => i.kind === 'badge' && i.attrs['data-state'] === 'clean'), { message: 'first verdict' });
  const freed = busyWorker(BUSY_MS);
  await page.keyboard.insertText('Book now for the spring clinic');
  await page.click(X.post);
  await until(() => dialog(page), { timeout: BUSY_MS, message: 'the "still checking" dialog' });
  await clickOverlay(page, 'btn', 'review');
  await freed;
  await page.waitForTimeout(300);
  assert.equal(await dialog(page), undefined, 'no dialog after the verdict');
  assert.deepEqual(await posted(page), [], 'nothing posted');
  await page.keyboard.type(' today');
  assert.equal(await model(page, X.id), 'Hello. Book now for the spring clinic today', 'the caret is back in the draft');
  await page.close();
});

test('X: a verdict that never comes (the checker stuck past 15 s) ends in "not checked", and posting is offered', { timeout: 60000 }, async () => {
  const page = await s.open(X.host);
  await page.click(X.sel);
  await page.keyboard.type('Hello. ');
  await until(async () => (await overlay(page)).some((i) => i.kind === 'badge' && i.attrs['data-state'] === 'clean'), { message: 'first verdict' });
  const stuckMs = 22000; // past the guard's 1.5 s + 15 s
  const freed = busyWorker(stuckMs);
  await page.keyboard.insertText(`Book now for ${CLAIM}`);
  await page.click(X.post);
  await until(async () => (await dialog(page))?.attrs['data-verdict'] === 'checking', { timeout: 5000, message: 'the "still checking" dialog' });
  const unchecked = await until(async () => { const d = await dialog(page); return d?.attrs['data-verdict'] === 'unchecked' && d; }, { timeout: 20000, interval: 250, message: 'the "not checked" dialog' });
  assert.ok(unchecked);
  assert.deepEqual(await posted(page), [], 'still not posted on its own');
  await clickOverlay(page, 'btn', 'post');
  await until(async () => (await posted(page)).length === 1, { message: 'posted when the user chose to' });
  await freed;
  await page.close();
});

test('X, organisation block mode with no override: while the checker is stuck, a known record number stays blocked; a draft without one waits, then may be posted unchecked', { timeout: 90000 }, async () => {
  const policy = {
    enforcement: { client_data: 'block', claims: 'confirm' },
    allowOverride: false,
    customRules: [{ id: 'org_record', category: 'client_data', severity: 'critical', pattern: '\\bRJX-\\d{6}\\b', message: 'Hospital record number' }],
  };
  await withPolicy(policy, async (b) => {
    await until(() => b.worker.evaluate(() => chrome.storage.managed.get(null).then((m) => m.allowOverride === false)), { message: 'managed storage', timeout: 15000 });
    const actions = async (page) => (await overlay(page)).filter((i) => i.kind === 'btn').map((i) => i.attrs['data-action']);

    // A record number already underlined; the checker then sticks and the draft changes elsewhere.
    const page = await b.open(X.host);
    await page.click(X.sel);
    await page.keyboard.type('Ref RJX-123456. ');
    await until(async () => (await overlay(page)).some((i) => i.kind === 'u' && i.attrs['data-rule'] === 'custom.org_record'), { message: 'the policy rule applied', timeout: 15000 });
    let freed = busyWorker(8000, b);
    await page.keyboard.insertText('See you at the clinic');
    await page.click(X.post);
    const blocked = await until(() => dialog(page), { timeout: 8000, message: 'a dialog' });
    assert.equal(blocked.attrs['data-verdict'], 'found', 'the known finding is listed, not "still checking"');
    assert.deepEqual(await actions(page), ['review'], 'block mode: no "Post anyway"');
    await clickOverlay(page, 'btn', 'review');
    await freed;
    assert.deepEqual(await posted(page), []);
    await page.close();

    // Nothing known: "still checking" without "Post anyway" (no override), then, with no verdict
    // in 15 s, "not checked" offers posting, so a dead checker never locks the site.
    const clean = await b.open(X.host);
    await clean.click(X.sel);
    await clean.keyboard.type('Hello. ');
    await until(async () => (await overlay(clean)).some((i) => i.kind === 'badge' && i.attrs['data-state'] === 'clean'), { message: 'first verdict' });
    freed = busyWorker(22000, b);
    await clean.keyboard.insertText('Book now for the spring clinic');
    await clean.click(X.post);
    await until(async () => (await dialog(clean))?.attrs['data-verdict'] === 'checking', { timeout: 5000, message: 'the "still checking" dialog' });
    assert.deepEqual(await actions(clean), ['review'], 'no override while the verdict may still come');
    await until(async () => (await dialog(clean))?.attrs['data-verdict'] === 'unchecked', { timeout: 20000, interval: 250, message: 'the "not checked" dialog' });
    assert.deepEqual((await actions(clean)).sort(), ['post', 'review']);
    assert.deepEqual(await posted(clean), []);
    await clickOverlay(clean, 'btn', 'post');
    await until(async () => (await posted(clean)).length === 1, { message: 'posted when the user chose to' });
    await freed;
    await clean.close();
  });
});
