// X (Draft.js): underline, card, ignore/allow, pre-submit dialog, privacy and network, in real
// headless Chromium with the production extension and a real Draft.js editor under x.com.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOverlay, launch, overlay, until, wordRects } from './harness.mjs';
import { CLAIM, expectUnderlined, model, pageCanSeeFindings, posted, setUserSettings, underlines } from './helpers.mjs';

const ED = "[data-testid='tweetTextarea_0']";
let s;
before(async () => { s = await launch(); });
after(async () => { await s?.close(); });

test('X: a claim is underlined where the words are, and the underline moves with inserted text', async () => {
  const page = await s.open('x.com');
  await page.click(ED);
  const typed = `Our clinic offers ${CLAIM} 🙂 for @anna_k.`;
  await page.keyboard.type(typed);
  const first = await expectUnderlined(page, ED, CLAIM, 'guaranteed-results');
  assert.equal(await model(page, 'x-compose'), typed, 'Draft EditorState holds exactly the typed text');
  // Insert text before the flagged words: the underline follows them.
  await page.keyboard.press('Home');
  await page.keyboard.type('Truly, ');
  const moved = await expectUnderlined(page, ED, CLAIM, 'guaranteed-results');
  assert.ok(moved.got[0].rect.x > first.got[0].rect.x + 5, 'underline moved right with the inserted text');
  // A second paragraph with a line break.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Second line, no problem here.');
  assert.equal(await model(page, 'x-compose'), `Truly, ${typed}\nSecond line, no problem here.`);
  const badge = (await overlay(page)).find((i) => i.kind === 'badge' && i.attrs['data-state'] === 'findings');
  assert.equal(badge?.attrs['data-count'], '1');
  assert.deepEqual(await pageCanSeeFindings(page, ['A promise of a guaranteed', 'guaranteed-results']), []);
  await page.close();
});

test('X: typing and undo leave Draft\'s model exactly as without the extension', async () => {
  const page = await s.open('x.com');
  await page.click(ED);
  await page.keyboard.type('Hello 👋🏽 world, ');
  await page.keyboard.type(`we promise ${CLAIM}!`);
  await expectUnderlined(page, ED, CLAIM, 'guaranteed-results');
  await page.keyboard.press('Control+z');
  const afterUndo = await model(page, 'x-compose');
  assert.ok(`Hello 👋🏽 world, we promise ${CLAIM}!`.startsWith(afterUndo), `undo kept a prefix of the typed text: ${JSON.stringify(afterUndo)}`);
  await page.close();
});

test('X: card on hover explains; "ignore here" hides the underline', async () => {
  const page = await s.open('x.com');
  await page.click(ED);
  await page.keyboard.type(`We offer ${CLAIM}.`);
  const { want } = await expectUnderlined(page, ED, CLAIM, 'guaranteed-results');
  await page.mouse.move(want[0].x + 5, want[0].y + want[0].height / 2);
  const card = await until(async () => (await overlay(page)).find((i) => i.kind === 'card' && i.visible), { message: 'card' });
  assert.match(card.text, /guaranteed result/i);
  await clickOverlay(page, 'btn', 'ignore');
  await until(async () => (await underlines(page)).length === 0, { message: 'underline gone after ignore' });
  assert.equal(await model(page, 'x-compose'), `We offer ${CLAIM}.`);
  await page.close();
});

test('X: "always allow this term" persists to the user allow-list', async () => {
  const page = await s.open('x.com');
  await page.click(ED);
  await page.keyboard.type(`Still ${CLAIM} here.`);
  const { want } = await expectUnderlined(page, ED, CLAIM, 'guaranteed-results');
  await page.mouse.click(want[0].x + 5, want[0].y + want[0].height / 2);
  await clickOverlay(page, 'btn', 'allow');
  await until(async () => (await underlines(page)).length === 0, { message: 'underline gone after allow' });
  const stored = await until(() => s.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings?.allowList), { message: 'allow-list stored' });
  assert.deepEqual(stored, [CLAIM]);
  // A fresh page: the checker itself no longer flags the term.
  const page2 = await s.open('x.com');
  await page2.click(ED);
  await page2.keyboard.type(`Again ${CLAIM}.`);
  await page2.waitForTimeout(400);
  assert.equal((await underlines(page2)).length, 0);
  await setUserSettings(s.worker, { allowList: [] });
  await page.close();
  await page2.close();
});

test('X: pre-submit dialog stops Post and Ctrl+Enter; "Review" keeps the draft; "Post anyway" replays', async () => {
  await setUserSettings(s.worker, { enforcement: { claims: 'confirm' } });
  const page = await s.open('x.com');
  await page.click(ED);
  const text = `Book now for ${CLAIM}`;
  await page.keyboard.type(text);
  await expectUnderlined(page, ED, CLAIM, 'guaranteed-results');
  await page.click("[data-testid='tweetButtonInline']");
  await until(async () => (await overlay(page)).find((i) => i.kind === 'dialog' && i.visible), { message: 'dialog' });
  assert.deepEqual(await posted(page), [], 'the site did not see the click');
  await clickOverlay(page, 'btn', 'review');
  await until(async () => !(await overlay(page)).some((i) => i.kind === 'dialog'), { message: 'dialog closed' });
  assert.deepEqual(await posted(page), []);
  // Ctrl+Enter from the editor, then Post anyway.
  await page.click(ED);
  await page.keyboard.press('Control+Enter');
  await until(async () => (await overlay(page)).find((i) => i.kind === 'dialog' && i.visible), { message: 'dialog on Ctrl+Enter' });
  assert.deepEqual(await posted(page), []);
  await clickOverlay(page, 'btn', 'post');
  await until(async () => (await posted(page)).length === 1, { message: 'replayed submit' });
  assert.equal(await model(page, 'x-compose'), text);
  // Shift+Enter is never intercepted.
  await page.click(ED);
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Enter');
  assert.ok(!(await overlay(page)).some((i) => i.kind === 'dialog'));
  await page.close();

  await setUserSettings(s.worker, { enforcement: {} });
});

test('X: a reply dialog opened later is picked up; DMs: Enter sends through the guard', async () => {
  await setUserSettings(s.worker, { enforcement: { claims: 'confirm' } });
  const page = await s.open('x.com');
  await page.click("[data-testid='reply']");
  const reply = "[role='dialog'] [data-testid='tweetTextarea_0']";
  await page.click(reply);
  await page.keyboard.type(`Yes, ${CLAIM}.`);
  await expectUnderlined(page, reply, CLAIM, 'guaranteed-results');
  const dm = "[data-testid='dmComposerTextInput']";
  await page.click(dm);
  await page.keyboard.type('See you tomorrow');
  await page.keyboard.press('Enter');
  await until(async () => (await posted(page)).includes('x-dm'), { message: 'clean DM sent on Enter' });
  await page.keyboard.type(` ${CLAIM} promised`);
  await page.keyboard.press('Enter');
  await until(async () => (await overlay(page)).find((i) => i.kind === 'dialog' && i.visible), { message: 'dialog on Enter in DM' });
  assert.equal((await posted(page)).filter((p) => p === 'x-dm').length, 1);
  await setUserSettings(s.worker, { enforcement: {} });
  await page.close();
});

test('X: the extension makes no network requests', async () => {
  const pageHosts = new Set(['x.com']);
  const foreign = s.browserRequests.filter((u) => !u.startsWith('chrome-extension://') && !pageHosts.has(new URL(u).hostname));
  assert.deepEqual(foreign, []);
  const unexpected = s.server.requests.filter((r) => !['/', '/app.js', '/favicon.ico'].includes(r.url));
  assert.deepEqual(unexpected, []);
});
