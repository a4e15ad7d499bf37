// The textarea's underlines come from Bedside's mirror, which keeps one block per hard line and
// updates only the lines an edit touches (extension/src/content/mirror.ts). Edits that add, remove
// and merge lines before a flagged phrase, a multi-line paste into the middle of a line, deleting
// across lines, and undo must each leave the underline on the phrase, as the test's own
// measure of the textarea finds it. A long draft, checked when typing pauses, is still underlined
// and still asked about before it is sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOverlay, launch, overlay, until } from './harness.mjs';
import { CLAIM, model, posted, setUserSettings } from './helpers.mjs';
import { expectTextareaUnderlined } from './textarea-measure.mjs';

const RULE = 'guaranteed-results';
const TEXTAREA = { host: 'www.instagram.com', id: 'ig-comment', sel: 'textarea[data-fixture="ig-comment"]' };

let s;
before(async () => { s = await launch(); });
after(async () => { await s?.close(); });

/** Puts the caret (or a selection) at offsets of the textarea's value, as a click would. */
async function select(page, start, end = start) {
  await page.evaluate(({ sel, start, end }) => document.querySelector(sel).setSelectionRange(start, end), { sel: TEXTAREA.sel, start, end });
}
const value = (page) => page.locator(TEXTAREA.sel).inputValue();
/** Where the claim's line starts on screen: the first underline's top. */
const claimTop = (r) => Math.min(...r.got.map((u) => u.rect.y));

test('textarea: line breaks added, removed and pasted before a flagged phrase, and undo, keep its underline on the words', async () => {
  const page = await s.open(TEXTAREA.host);
  await page.evaluate((sel) => { document.querySelector(sel).style.height = '240px'; }, TEXTAREA.sel);
  await page.click(TEXTAREA.sel);
  // Newlines come in as text: Enter sends in this box.
  await page.keyboard.insertText(`Line one\nline two\n\nOur ${CLAIM} plan\nlast line`);
  const first = await expectTextareaUnderlined(page, TEXTAREA.sel, CLAIM, RULE);

  // Two lines added at the top: the phrase moves down.
  await select(page, 0);
  await page.keyboard.insertText('A new first line\n\n');
  const down = await expectTextareaUnderlined(page, TEXTAREA.sel, CLAIM, RULE);
  assert.ok(claimTop(down) > claimTop(first) + 10, 'moved down two lines');

  // The line break before the phrase's line deleted: its line joins the empty one above.
  const v = await value(page);
  const lineStart = v.indexOf(`Our ${CLAIM}`);
  await select(page, lineStart);
  await page.keyboard.press('Backspace');
  assert.ok((await value(page)).includes(`line two\nOur ${CLAIM}`), 'the empty line is gone');
  const up = await expectTextareaUnderlined(page, TEXTAREA.sel, CLAIM, RULE);
  assert.ok(claimTop(up) < claimTop(down), 'moved up a line');

  // A multi-line paste into the phrase's own line, before it.
  const at = (await value(page)).indexOf(CLAIM);
  await select(page, at);
  await page.keyboard.insertText('one\ntwo\nthree ');
  await expectTextareaUnderlined(page, TEXTAREA.sel, CLAIM, RULE);

  // Deleting across lines: from inside the first line to just before the phrase.
  const to = (await value(page)).indexOf(CLAIM);
  await select(page, 6, to);
  await page.keyboard.press('Backspace');
  assert.ok((await value(page)).startsWith(`A new ${CLAIM}`), 'the lines between are gone');
  const joined = await expectTextareaUnderlined(page, TEXTAREA.sel, CLAIM, RULE);
  assert.ok(claimTop(joined) < claimTop(first), 'on the first line now');

  // Undo, step by step, back to the first draft: the underline follows each state.
  const firstDraft = `Line one\nline two\n\nOur ${CLAIM} plan\nlast line`;
  for (let i = 0; i < 6 && (await value(page)) !== firstDraft; i++) {
    await page.keyboard.press('Control+z');
    await expectTextareaUnderlined(page, TEXTAREA.sel, CLAIM, RULE);
  }
  assert.equal(await value(page), firstDraft, 'undo restores the first draft');
  assert.equal(await model(page, TEXTAREA.id), firstDraft, "the page's model agrees");
  await page.close();
});

test('textarea: a long draft (60,000 characters in many lines) is underlined, and asked about before it is sent', async () => {
  await setUserSettings(s.worker, { enforcement: { claims: 'confirm' } });
  const page = await s.open(TEXTAREA.host);
  await page.click(TEXTAREA.sel);
  const line = 'Open on Saturdays for questions about sleep, food and exercise.\n';
  const long = line.repeat(Math.ceil(60_000 / line.length));
  await page.keyboard.insertText(long);
  await page.keyboard.type(`Our ${CLAIM}`);
  // Sent at once, before the pause that starts a long draft's check has passed.
  await page.keyboard.press('Enter');
  // Possibly "still checking" first; then the dialog that lists the claim.
  await until(async () => (await overlay(page)).find((i) => i.kind === 'dialog' && i.visible && i.attrs['data-verdict'] === 'found'), { timeout: 15000, message: 'the confirm dialog' });
  assert.deepEqual(await posted(page), [], 'not sent yet');
  await clickOverlay(page, 'btn', 'review');
  await page.evaluate((sel) => { const t = document.querySelector(sel); t.scrollTop = t.scrollHeight; }, TEXTAREA.sel);
  await expectTextareaUnderlined(page, TEXTAREA.sel, CLAIM, RULE);
  assert.equal(await model(page, TEXTAREA.id), `${long}Our ${CLAIM}`, 'nothing lost');
  await page.close();
  await setUserSettings(s.worker, { enforcement: {} });
});
