// Issue 4's robustness promises, in real Chromium with the built extension and the real editors
// (Draft.js, Lexical, Quill, textarea):
// underlines follow scrolling, resizing, line wraps and paragraphs; an Enter that belongs to an IME
// composition is never intercepted; a 1 MB paste and emoji-heavy drafts lose nothing; turning a
// site off shows "off" and draws nothing, turning it on checks again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOverlay, launch, overlay, until, wordRects } from './harness.mjs';
import { CLAIM, expectUnderlined, model, posted, setUserSettings, underlines } from './helpers.mjs';
import { expectTextareaUnderlined, textareaRects } from './textarea-measure.mjs';

const RULE = 'guaranteed-results';
const DRAFT = { name: 'Draft.js', host: 'x.com', id: 'x-compose', sel: "[data-testid='tweetTextarea_0']" };
const LEXICAL = { name: 'Lexical', host: 'www.facebook.com', id: 'fb-compose', sel: '[data-fixture="fb-compose"]' };
const QUILL = { name: 'Quill', host: 'www.linkedin.com', id: 'li-compose', sel: '[data-fixture="li-compose"] .ql-editor' };
const TEXTAREA = { name: 'textarea', host: 'www.instagram.com', id: 'ig-comment', sel: 'textarea[data-fixture="ig-comment"]' };

let withExt;
let without;
before(async () => { [withExt, without] = await Promise.all([launch(), launch({ extension: false })]); });
after(async () => { await withExt?.close(); await without?.close(); });

/**
 * Lets the fixture page scroll and reflow with the viewport: the page is given room below the
 * editors and its body follows the window's width (the fixture fixes it at 600 px). Only the
 * test page's own layout changes; no editor is touched.
 */
async function makeRoomy(page) {
  await page.evaluate(() => {
    document.body.append(document.createElement('test-measure'));
    document.body.style.width = 'auto';
    const spacer = document.createElement('div');
    spacer.style.height = '2000px';
    document.body.append(spacer);
  });
}

/** How many lines the rects are on. */
const lineCount = (rects) => new Set((rects ?? []).map((r) => Math.round(r.y))).size;

/** Narrows the viewport step by step until `measure()` reports the phrase on two lines. */
async function wrapAcrossLines(page, measure) {
  for (let w = 900; w >= 260; w -= 6) {
    await page.setViewportSize({ width: w, height: 800 });
    if (lineCount(await measure()) === 2) return w;
  }
  throw new Error('never found a width that wraps the phrase');
}

/**
 * Scrolls the page by the wheel with the mouse at `at`, then back: the underlines `expect` checks
 * must move up with the words, and be right again at the top.
 */
async function followsPageScroll(page, at, first, expect) {
  await page.mouse.move(...at);
  await page.mouse.wheel(0, 120);
  await until(() => page.evaluate(() => window.scrollY > 50), { message: 'page scrolled' });
  const scrolled = await expect();
  assert.ok(scrolled.got[0].rect.y < first.got[0].rect.y - 50, 'underline moved up with the page');
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect();
}

for (const ed of [DRAFT, LEXICAL, QUILL]) {
  test(`${ed.name}: underlines follow page scrolling, a resized viewport, rewrapped lines and a second paragraph`, async () => {
    const page = await withExt.open(ed.host);
    await page.setViewportSize({ width: 1000, height: 800 });
    await makeRoomy(page);
    await page.click(ed.sel);
    await page.keyboard.type('A first paragraph with nothing to flag.');
    await page.keyboard.press('Enter');
    await page.keyboard.type(`Then the second one: our ${CLAIM} plan for everyone.`);
    assert.match(await model(page, ed.id), /nothing to flag\.\n+Then the second one/, 'two paragraphs in the editor\'s model');
    const first = await expectUnderlined(page, ed.sel, CLAIM, RULE);
    assert.equal(first.got.length, 1, 'one line at full width');

    // (a) The page scrolls: the underline moves with the words.
    await followsPageScroll(page, [500, 700], first, () => expectUnderlined(page, ed.sel, CLAIM, RULE));

    // (b, c) A narrower window rewraps the text until the phrase itself breaks across two lines.
    await wrapAcrossLines(page, () => wordRects(page, ed.sel, CLAIM));
    const wrapped = await expectUnderlined(page, ed.sel, CLAIM, RULE);
    assert.equal(lineCount(wrapped.got.map((u) => u.rect)), 2, 'underlined on both lines of a phrase across a wrap');
    await page.setViewportSize({ width: 1000, height: 800 });
    const back = await expectUnderlined(page, ed.sel, CLAIM, RULE);
    assert.equal(back.got.length, 1, 'one box again once the window is wide');
    await page.close();
  });
}

test('textarea: underlines follow scrolling inside the box and on the page, a resized box and a phrase across a wrap', async () => {
  const page = await withExt.open(TEXTAREA.host);
  await page.setViewportSize({ width: 1000, height: 800 });
  await makeRoomy(page);
  await page.click(TEXTAREA.sel);
  // Enough lines to overflow the 60 px box; newlines come in as text, not as Enter (which sends).
  const lines = [`Our ${CLAIM} plan`, 'starts in May.', 'Thanks for asking!', 'More news soon,', 'and a few more lines', 'to make it scroll.'];
  await page.keyboard.insertText(lines.join('\n'));
  await page.evaluate((sel) => { document.querySelector(sel).scrollTop = 0; }, TEXTAREA.sel);
  const first = await expectTextareaUnderlined(page, TEXTAREA.sel, CLAIM, RULE);

  // (a) Scrolling inside the textarea by the wheel: the underline moves up with its line.
  const box = await page.locator(TEXTAREA.sel).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 8);
  await until(() => page.evaluate((sel) => document.querySelector(sel).scrollTop > 0, TEXTAREA.sel), { message: 'textarea scrolled' });
  const inBox = await expectTextareaUnderlined(page, TEXTAREA.sel, CLAIM, RULE);
  assert.ok(inBox.got[0].rect.y < first.got[0].rect.y, 'moved up with its line');
  await page.evaluate((sel) => { document.querySelector(sel).scrollTop = 0; }, TEXTAREA.sel);
  await expectTextareaUnderlined(page, TEXTAREA.sel, CLAIM, RULE);

  // (a) Scrolling the page.
  await followsPageScroll(page, [900, 700], first, () => expectTextareaUnderlined(page, TEXTAREA.sel, CLAIM, RULE));

  // (b, c) The box gets narrower (its width is fixed in px, so the window alone would not rewrap
  // it) until the phrase breaks across two lines.
  let found = false;
  for (let w = 300; w >= 60 && !found; w -= 4) {
    await page.evaluate(({ sel, w }) => { document.querySelector(sel).style.width = `${w}px`; }, { sel: TEXTAREA.sel, w });
    const value = await page.locator(TEXTAREA.sel).inputValue();
    const at = value.indexOf(CLAIM);
    found = lineCount(await textareaRects(page, TEXTAREA.sel, at, at + CLAIM.length)) === 2;
  }
  assert.ok(found, 'a width that wraps the phrase');
  const wrapped = await expectTextareaUnderlined(page, TEXTAREA.sel, CLAIM, RULE);
  assert.equal(lineCount(wrapped.got.map((u) => u.rect)), 2, 'underlined on both lines of a phrase across a wrap');
  await page.close();
});

// ---- IME composition --------------------------------------------------------------------------

/** Records, in the page's own world, the keydowns that reach the document (bubbling phase). */
async function recordKeydowns(page) {
  await page.evaluate(() => {
    window.__keydowns = [];
    document.addEventListener('keydown', (e) => window.__keydowns.push({ key: e.key, keyCode: e.keyCode, isComposing: e.isComposing }));
  });
}
const keydowns = (page) => page.evaluate(() => window.__keydowns);
const dialogShown = async (page) => (await overlay(page)).some((i) => i.kind === 'dialog' && i.visible);

const ENTER_SENDS = [
  { name: 'Lexical', host: 'www.facebook.com', id: 'fb-comment', sel: '[data-fixture="fb-comment"]' },
  { name: 'textarea', host: 'www.instagram.com', id: 'ig-comment', sel: 'textarea[data-fixture="ig-comment"]' },
];

for (const ed of ENTER_SENDS) {
  test(`${ed.name} (${ed.id}, Enter sends): an Enter during an IME composition is left to the page, never to the confirm dialog`, async () => {
    await setUserSettings(withExt.worker, { enforcement: { claims: 'confirm' } });
    try {
      const page = await withExt.open(ed.host);
      await page.click(ed.sel);
      await page.keyboard.type(`We offer ${CLAIM}`);
      await until(async () => (await underlines(page, RULE)).length > 0, { message: 'underline' });
      await recordKeydowns(page);
      const cdp = await page.context().newCDPSession(page);
      const enter = (keyCode) => ({ key: 'Enter', code: 'Enter', windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode });

      // Composing (Blink marks the keydown isComposing); the IME's Enter, then the commit.
      await cdp.send('Input.imeSetComposition', { text: ' にほん', selectionStart: 4, selectionEnd: 4 });
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...enter(13) });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter(13) });
      await cdp.send('Input.insertText', { text: ' 日本' });
      await until(async () => (await model(page, ed.id)) === `We offer ${CLAIM} 日本`, { message: 'composition committed to the model' });
      // Bedside's guard stops a key synchronously in the capture phase: had it taken this one, the
      // page's listener would not have seen it.
      assert.deepEqual(await keydowns(page), [{ key: 'Enter', keyCode: 13, isComposing: true }], 'the composing Enter reached the page');
      assert.equal(await dialogShown(page), false, 'no confirm dialog for the IME\'s Enter');
      assert.deepEqual(await posted(page), [], 'the page itself does not send on a composing Enter');

      // Control: a plain Enter on the same draft does ask.
      await page.keyboard.press('Enter');
      await until(() => dialogShown(page), { message: 'dialog on a plain Enter' });
      assert.deepEqual(await posted(page), []);
      await clickOverlay(page, 'btn', 'review');
      await until(async () => !(await dialogShown(page)), { message: 'dialog closed' });

      // keyCode 229 (the key went to the IME; some browsers send it after compositionend): left alone too.
      await page.evaluate(() => { window.__keydowns.length = 0; });
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...enter(229) });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter(229) });
      assert.deepEqual(await keydowns(page), [{ key: 'Enter', keyCode: 229, isComposing: false }], 'the IME-processed Enter reached the page');
      assert.equal(await dialogShown(page), false, 'no confirm dialog for an IME-processed Enter');
      assert.equal(await model(page, ed.id), `We offer ${CLAIM} 日本`, 'draft intact');
      await cdp.detach();
      await page.close();
    } finally {
      await setUserSettings(withExt.worker, { enforcement: {} });
    }
  });
}

// ---- a 1 MB paste, emoji ----------------------------------------------------------------------

/** About 1 MB of ordinary text in paragraphs, with one claim at the very end. */
function megabyte() {
  const sentence = 'Clinic news: we are open on Saturdays, bring your questions about sleep, food and exercise. ';
  const parts = [];
  let n = 0;
  for (let i = 1; n < 1_000_000; i++) {
    const s = i % 10 === 0 ? `${sentence.trimEnd()}\n` : sentence;
    parts.push(s);
    n += s.length;
  }
  return `${parts.join('')}And now our ${CLAIM} plan.`;
}

for (const ed of [LEXICAL, TEXTAREA]) {
  test(`${ed.name}: a 1 MB paste lands whole, the badge counts its finding, and typing after it still works`, async () => {
    const big = megabyte();
    if (ed === LEXICAL) {
      // The editor's own handling of the paste, without Bedside (the React textarea's value is the
      // pasted text by definition, and its paste alone takes ~16 s here).
      const p0 = await without.open(ed.host);
      await p0.click(ed.sel);
      await p0.keyboard.insertText(big);
      assert.equal(await model(p0, ed.id), big, 'baseline: the editor keeps the paste as is');
      await p0.close();
    }
    const page = await withExt.open(ed.host);
    await page.click(ed.sel);
    await page.keyboard.insertText(big);
    assert.equal(await model(page, ed.id), big, 'the paste is in the editor\'s model, whole');
    const badge = await until(async () => (await overlay(page)).find((i) => i.kind === 'badge' && i.visible && i.attrs['data-state'] === 'findings'),
      { timeout: 30000, message: 'badge with the finding' });
    assert.equal(badge.attrs['data-count'], '1', 'one finding: the claim at the end');
    if (ed === TEXTAREA) await expectTextareaUnderlined(page, ed.sel, CLAIM, RULE);
    else await expectUnderlined(page, ed.sel, CLAIM, RULE);
    await page.keyboard.type(' Thanks');
    await until(async () => (await model(page, ed.id)) === `${big} Thanks`, { timeout: 30000, message: 'typing after the paste lands in the model' });
    await page.close();
  });
}

const EMOJI = '👨‍👩‍👧‍👦 🇸🇪🇵🇱🇫🇷🇩🇰🇹🇷 👍🏽👋🏿 🧑🏻‍⚕️ 🏳️‍🌈 ❤️‍🔥 1️⃣ 🫶🏼 '.repeat(4);

for (const ed of [LEXICAL, QUILL, TEXTAREA]) {
  test(`${ed.name}: after a run of emoji (ZWJ families, flags, skin tones), the underline still covers the flagged words`, async () => {
    const page = await withExt.open(ed.host);
    await page.click(ed.sel);
    await page.keyboard.insertText(EMOJI);
    await page.keyboard.type(`our ${CLAIM} plan `);
    await page.keyboard.insertText('🇸🇪👍🏽');
    assert.equal(await model(page, ed.id), `${EMOJI}our ${CLAIM} plan 🇸🇪👍🏽`, 'nothing lost or changed');
    if (ed === TEXTAREA) await expectTextareaUnderlined(page, ed.sel, CLAIM, RULE);
    else await expectUnderlined(page, ed.sel, CLAIM, RULE);
    await page.close();
  });
}

// ---- "Checking is off here" -------------------------------------------------------------------

const badgeOf = async (page) => (await overlay(page)).filter((i) => i.kind === 'badge' && i.visible);

test('LinkedIn turned off in settings: the badge says off, nothing is underlined or asked; turned on, it checks again', async () => {
  await setUserSettings(withExt.worker, { enforcement: { claims: 'confirm' } });
  try {
    const page = await withExt.open(QUILL.host);
    await page.click(QUILL.sel);
    await page.keyboard.type(`We offer ${CLAIM}.`);
    await expectUnderlined(page, QUILL.sel, CLAIM, RULE);

    await setUserSettings(withExt.worker, { sites: { linkedin: false } });
    await until(async () => {
      const badges = await badgeOf(page);
      return badges.length > 0 && badges.every((b) => b.attrs['data-state'] === 'off') && (await underlines(page)).length === 0;
    }, { message: 'every badge off and no underline' });
    const off = (await badgeOf(page))[0];
    assert.equal(off.text, 'Checking is off here', 'the off badge says so in words');

    // Another site is not affected.
    const fb = await withExt.open(LEXICAL.host);
    await fb.click(LEXICAL.sel);
    await fb.keyboard.type(`Also ${CLAIM}.`);
    await expectUnderlined(fb, LEXICAL.sel, CLAIM, RULE);
    await fb.close();

    // Typing a new claim and posting while off: no underline, no question.
    await page.bringToFront();
    await page.click(QUILL.sel);
    await page.keyboard.press('End');
    await page.keyboard.type(' This cures anxiety.');
    assert.equal(await model(page, QUILL.id), `We offer ${CLAIM}. This cures anxiety.`);
    await page.click('.share-actions__primary-action');
    await until(async () => (await posted(page)).includes(QUILL.id), { message: 'posted without a question' });
    assert.equal(await dialogShown(page), false, 'no confirm dialog while off');
    assert.equal((await underlines(page)).length, 0, 'no underline while off');
    assert.ok((await badgeOf(page)).every((b) => b.attrs['data-state'] === 'off'), 'still off');

    // Back on: the draft typed meanwhile is checked again (only a new check finds the new claim).
    await setUserSettings(withExt.worker, { sites: { linkedin: true } });
    await expectUnderlined(page, QUILL.sel, 'cures anxiety', 'cures-condition');
    await expectUnderlined(page, QUILL.sel, CLAIM, RULE);
    await until(async () => (await badgeOf(page)).some((b) => b.attrs['data-state'] === 'findings' && b.attrs['data-count'] === '2'), { message: 'badge counts both findings' });
    await page.close();
  } finally {
    await setUserSettings(withExt.worker, { sites: {}, enforcement: {} });
  }
});
