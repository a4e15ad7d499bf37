// What Bedside draws must be seen: on the real sites the composers sit in stacked layers (modals
// with a z-index and an opaque background), and the fixture pages stack them the same way
// (server.mjs). The geometry tests elsewhere say where an underline is; these look at the pixels
// on screen and hit-test the card and dialog, on all four sites.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, overlay, until } from './harness.mjs';
import { CLAIM, expectUnderlined, posted, setUserSettings } from './helpers.mjs';

const RULE = 'guaranteed-results';
const SITES = [
  { host: 'x.com', open: "[data-testid='reply']", sel: "[role='dialog'] [data-testid='tweetTextarea_0']", post: "[role='dialog'] [data-testid='tweetButton']" },
  { host: 'www.facebook.com', sel: '[data-fixture="fb-compose"]', post: "[role='dialog'] [role='button'][aria-label='Post']" },
  { host: 'www.instagram.com', sel: '[data-fixture="ig-compose"]', post: "[role='dialog'] [role='button']" },
  { host: 'www.linkedin.com', sel: '[data-fixture="li-compose"] .ql-editor', post: '.share-actions__primary-action' },
];

let s;
let decoder;
before(async () => {
  s = await launch();
  await setUserSettings(s.worker, { enforcement: { claims: 'confirm' } });
  decoder = await s.context.newPage(); // about:blank: decodes screenshots with the browser's own PNG decoder
});
after(async () => { await s?.close(); });

/** The RGBA pixels of a screenshot of `clip` (CSS px; the fixtures render at device scale 1). */
async function pixels(page, clip) {
  const png = await page.screenshot({ clip });
  return decoder.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return Array.from(ctx.getImageData(0, 0, img.width, img.height).data);
  }, png.toString('base64'));
}
/** Share of pixels within `tol` of `hex` in each channel. */
function share(px, hex, tol = 40) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let hit = 0;
  for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i] - r) <= tol && Math.abs(px[i + 1] - g) <= tol && Math.abs(px[i + 2] - b) <= tol) hit++;
  return hit / (px.length / 4);
}
/** What the page's hit test finds at the centre of `rect`: Bedside's host when its card or dialog is on top. */
const topAt = (page, r) => page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.localName, [r.x + r.width / 2, r.y + r.height / 2]);

for (const site of SITES) {
  test(`${site.host}: in a stacked modal, the underline and badge are on screen, and the card and dialog are on top`, async () => {
    const page = await s.open(site.host);
    if (site.open) await page.click(site.open);
    await page.click(site.sel);
    await page.keyboard.type(`Our ${CLAIM}.`);
    const { got: [u] } = await expectUnderlined(page, site.sel, CLAIM, RULE);

    // The underline's own line: 2 px at the bottom of its box, in its category's colour (its --c).
    const colour = /--c:\s*(#[0-9a-f]{6})/i.exec(u.attrs.style ?? '')?.[1];
    assert.ok(colour, `the underline's colour: ${u.attrs.style}`);
    const line = await pixels(page, { x: u.rect.x + 2, y: u.rect.y + u.rect.height - 2, width: u.rect.width - 4, height: 2 });
    assert.ok(share(line, colour) > 0.8, `underline drawn: ${share(line, colour).toFixed(2)} of its pixels in ${colour}`);
    const badge = (await overlay(page)).find((i) => i.kind === 'badge' && i.visible && i.attrs['data-state'] === 'findings');
    assert.ok(badge, 'a badge with findings');
    assert.ok(share(await pixels(page, badge.rect), colour) > 0.03, 'the badge\'s dot is on screen');

    await page.mouse.move(u.rect.x + u.rect.width / 2, u.rect.y + u.rect.height / 2);
    const card = await until(async () => (await overlay(page)).find((i) => i.kind === 'card' && i.visible), { message: 'card on hover' });
    assert.equal(await topAt(page, card.rect), 'bedside-overlay', 'the card is above the page');

    await page.mouse.move(0, 0);
    await page.click(site.post);
    const dialog = await until(async () => (await overlay(page)).find((i) => i.kind === 'dialog' && i.visible), { message: 'the pre-post dialog' });
    assert.equal(await topAt(page, dialog.rect), 'bedside-overlay', 'the dialog is above the page');
    assert.deepEqual(await posted(page), []);
    await page.close();
  });
}

test('www.facebook.com: an underline under a page layer (a fixed top bar, a modal over the feed) is not drawn over it, comes back when uncovered, stays under a transparent layer in the flow and hides under an opaque one', async () => {
  const page = await s.open('www.facebook.com');
  const sel = '[data-fixture="fb-comment"]';
  await page.click(sel);
  await page.keyboard.type(`Our ${CLAIM}.`);
  const { got: [u] } = await expectUnderlined(page, sel, CLAIM, RULE);
  const cover = (id, css) => page.evaluate(([id, css]) => {
    const d = document.createElement('div');
    d.id = id;
    d.style.cssText = css;
    document.body.append(d);
  }, [id, css]);
  const uncover = (id) => page.evaluate((id) => document.getElementById(id).remove(), id);
  const drawn = async () => (await overlay(page)).filter((i) => i.kind === 'u' && i.visible);

  // The site's fixed top bar over the comment box (as when the feed is scrolled under it): its
  // underline and its badge are not drawn over the bar.
  await cover('topbar', `position:fixed;left:0;right:0;top:0;height:${Math.ceil(u.rect.y + u.rect.height + 4)}px;z-index:5;background:#fff`);
  await until(async () => (await drawn(page)).length === 0, { message: 'no underline over the top bar' });
  const box = await page.evaluate((sel) => document.querySelector(sel).getBoundingClientRect().bottom, sel);
  await uncover('topbar');
  await cover('topbar', `position:fixed;left:0;right:0;top:0;height:${Math.ceil(box + 30)}px;z-index:5;background:#fff`);
  await until(async () => {
    const items = await overlay(page);
    return !items.some((i) => i.visible && (i.kind === 'u' || (i.kind === 'badge' && i.rect.y < box + 30)));
  }, { message: 'no underline or badge over a bar that covers the whole box' });
  const where = { x: u.rect.x + 2, y: u.rect.y + u.rect.height - 2, width: u.rect.width - 4, height: 2 };
  const colour = /--c:\s*(#[0-9a-f]{6})/i.exec(u.attrs.style ?? '')?.[1];
  assert.ok(share(await pixels(page, where), colour) < 0.05, 'the bar shows, not the underline');
  await uncover('topbar');
  await expectUnderlined(page, sel, CLAIM, RULE);

  // A modal over the whole page: the feed's underline is hidden under it too.
  await cover('modal', 'position:fixed;inset:0;z-index:10;background:rgba(255,255,255,.97)');
  await until(async () => (await drawn(page)).length === 0, { message: 'no underline over the modal' });
  await uncover('modal');
  await expectUnderlined(page, sel, CLAIM, RULE);

  // An invisible layer over the editor in the page's flow (a drop zone): not a cover.
  const ed = await page.evaluate((sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height }; }, sel);
  await cover('dropzone', `position:absolute;left:${ed.x}px;top:${ed.y}px;width:${ed.w}px;height:${ed.h}px;z-index:3`);
  await page.waitForTimeout(500); // the page scan after a DOM change (100 ms) repaints
  assert.ok((await drawn(page)).length > 0, 'still underlined under a transparent layer in the flow');
  await uncover('dropzone');

  // An opaque list laid over part of the editor in the page's flow (a mention or emoji picker):
  // what it covers is hidden, wherever in the box it is; the badge beside the box stays.
  const { got: [w] } = await expectUnderlined(page, sel, CLAIM, RULE);
  const [sx, sy] = await page.evaluate(() => [scrollX, scrollY]);
  await cover('picker', `position:absolute;left:${w.rect.x + sx - 2}px;top:${w.rect.y + sy - 2}px;width:${w.rect.width + 4}px;height:${w.rect.height + 4}px;z-index:3;background:#fff`);
  await until(async () => (await drawn(page)).length === 0, { message: 'no underline over an opaque picker in the flow' });
  assert.ok((await overlay(page)).some((i) => i.kind === 'badge' && i.visible), 'the badge is still shown');
  await uncover('picker');
  await expectUnderlined(page, sel, CLAIM, RULE);

  // The composer's own toolbar right under the editor, opaque, where the badge is drawn: the
  // badge stays (only a fixed or sticky layer hides it), and so does the underline.
  const b = await page.evaluate((sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return { x: r.left + scrollX, y: r.bottom + scrollY, w: r.width, bottom: r.bottom, right: r.right }; }, sel);
  const ownBadge = (i) => i.kind === 'badge' && i.visible && Math.abs(i.rect.y - b.bottom) < 8 && Math.abs(i.rect.x + i.rect.width - b.right) < 8;
  assert.ok((await overlay(page)).some(ownBadge), 'the box has its badge');
  await cover('toolbar', `position:absolute;left:${b.x}px;top:${b.y}px;width:${b.w}px;height:40px;z-index:3;background:#f0f2f5`);
  await page.waitForTimeout(500); // the page scan after a DOM change (100 ms) repaints
  assert.ok((await overlay(page)).some(ownBadge), 'the badge is shown over the composer toolbar');
  assert.ok((await drawn(page)).length > 0, 'the underline is still shown');
  await uncover('toolbar');
  await page.close();
});
