// Lexical (Facebook, Instagram), Quill (LinkedIn) and textarea (Instagram comments): the same
// typing gives the same editor model with and without the extension; underlines sit on the
// flagged words; Enter-sends boxes go through the pre-submit guard.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOverlay, launch, overlay, until } from './harness.mjs';
import { CLAIM, expectUnderlined, model, pageCanSeeFindings, posted, setUserSettings } from './helpers.mjs';

const BOXES = [
  { host: 'www.facebook.com', id: 'fb-compose' },
  { host: 'www.facebook.com', id: 'fb-comment', enterSends: true },
  { host: 'www.facebook.com', id: 'fb-dm', enterSends: true },
  { host: 'www.instagram.com', id: 'ig-compose' },
  { host: 'www.instagram.com', id: 'ig-comment', enterSends: true, textarea: true },
  { host: 'www.instagram.com', id: 'ig-dm', enterSends: true },
  { host: 'www.linkedin.com', id: 'li-compose' },
  { host: 'www.linkedin.com', id: 'li-comment' },
  { host: 'www.linkedin.com', id: 'li-dm', enterSends: true },
];
const sel = (b) => (b.textarea ? `textarea[data-fixture="${b.id}"]` : b.host === 'www.linkedin.com' ? `[data-fixture="${b.id}"] .ql-editor` : `[data-fixture="${b.id}"]`);

/** Types like a user: words, an emoji, a mention, a line break, a paste, an undo. */
async function typeDraft(page, b) {
  await page.click(sel(b));
  await page.keyboard.type(`Hi 👋 @sam_lee, our ${CLAIM} plan`);
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('second line');
  await page.keyboard.insertText(' pasted');
  await page.waitForTimeout(400); // past the editors' undo grouping delay (300 ms)
  await page.keyboard.type(' x');
  await page.keyboard.press('Control+z');
  return model(page, b.id);
}

let withExt;
let without;
before(async () => { [withExt, without] = await Promise.all([launch(), launch({ extension: false })]); });
after(async () => { await withExt?.close(); await without?.close(); });

for (const b of BOXES) {
  test(`${b.id}: model unchanged by the extension; underline on the flagged words`, async () => {
    const p0 = await without.open(b.host);
    const expected = await typeDraft(p0, b);
    await p0.close();
    assert.ok(expected.includes(`our ${CLAIM} plan`), `baseline typed: ${JSON.stringify(expected)}`);
    const page = await withExt.open(b.host);
    const got = await typeDraft(page, b);
    assert.equal(got, expected, 'editor model is the same with the extension');
    if (!b.textarea) await expectUnderlined(page, sel(b), CLAIM, 'guaranteed-results');
    else {
      // A textarea's words have no DOM range of their own; the mirror is the only measure.
      const u = await until(async () => { const l = (await overlay(page)).filter((i) => i.kind === 'u'); return l.length ? l : false; }, { message: 'textarea underline' });
      const box = await page.locator(sel(b)).boundingBox();
      assert.ok(u.length >= 1 && u[0].rect.x >= box.x && u[0].rect.x + u[0].rect.width <= box.x + box.width, 'inside the textarea');
      assert.ok(u[0].rect.width > 50, 'covers two words');
    }
    assert.deepEqual(await pageCanSeeFindings(page, ['A promise of a guaranteed']), []);
    await page.close();
  });
}

test('Enter-sends boxes (comments, DMs) ask before sending a flagged draft, and replay on "Post anyway"', async () => {
  await setUserSettings(withExt.worker, { enforcement: { claims: 'confirm' } });
  for (const b of BOXES.filter((x) => x.enterSends)) {
    const page = await withExt.open(b.host);
    await page.click(sel(b));
    await page.keyboard.type(`We offer ${CLAIM}`);
    await until(async () => (await overlay(page)).some((i) => i.kind === 'u'), { message: `${b.id} underline` });
    await page.keyboard.press('Enter');
    await until(async () => (await overlay(page)).find((i) => i.kind === 'dialog' && i.visible), { message: `${b.id} dialog` });
    assert.deepEqual(await posted(page), [], `${b.id}: not sent yet`);
    await clickOverlay(page, 'btn', 'post');
    await until(async () => (await posted(page)).includes(b.id), { message: `${b.id} replayed` });
    assert.equal(await model(page, b.id), `We offer ${CLAIM}`, `${b.id}: replay added no newline`);
    await page.close();
  }
  await setUserSettings(withExt.worker, { enforcement: {} });
});
