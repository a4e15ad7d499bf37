// The card's fix action in each editor framework: "redact" replaces a client identifier through the
// editor's own input path, so the editor's model (Draft.js EditorState, Lexical EditorState, Quill
// Delta, React-controlled textarea value) holds the replaced text; Ctrl+Z then restores exactly the
// original draft in the model.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOverlay, launch, overlay, until } from './harness.mjs';
import { model, pageCanSeeFindings, underlines } from './helpers.mjs';

/** A made-up personnummer: date 1965-04-23, serial 123, Luhn check digit computed below. */
function personnummer(date, serial) {
  const d = `${date}${serial}`.slice(2);
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    const v = Number(d[i]) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(v / 10) + (v % 10);
  }
  const full = `${date}${serial}${(10 - (sum % 10)) % 10}`;
  return `${full.slice(0, 8)}-${full.slice(8)}`;
}
const PNR = personnummer('19650423', '123');
const TEXT = `Please update the chart for ${PNR} before Friday.`;
const REDACTED = TEXT.replace(PNR, '[redacted]');

const EDITORS = [
  { name: 'Draft.js (X)', host: 'x.com', sel: "[data-testid='tweetTextarea_0']", id: 'x-compose' },
  { name: 'Lexical (Facebook)', host: 'www.facebook.com', sel: '[data-fixture="fb-compose"]', id: 'fb-compose' },
  { name: 'Quill (LinkedIn)', host: 'www.linkedin.com', sel: '[data-fixture="li-compose"] .ql-editor', id: 'li-compose' },
  { name: 'textarea (Instagram)', host: 'www.instagram.com', sel: 'textarea[data-fixture="ig-comment"]', id: 'ig-comment' },
];

let s;
before(async () => { s = await launch(); });
after(async () => { await s?.close(); });

test('the test identifier is a valid personnummer', () => {
  assert.equal(PNR, '19650423-1231');
});

for (const ed of EDITORS) {
  test(`${ed.name}: "redact" from the card changes the model; Ctrl+Z restores the exact original`, async () => {
    const page = await s.open(ed.host);
    await page.click(ed.sel);
    await page.keyboard.type(TEXT);
    const [u] = await until(async () => { const l = await underlines(page, 'personnummer'); return l.length ? l : false; }, { message: 'personnummer underline' });
    assert.equal(await model(page, ed.id), TEXT);
    await page.waitForTimeout(400); // as a user reading the card would: past the editors' undo grouping
    await page.mouse.move(u.rect.x + u.rect.width / 2, u.rect.y + u.rect.height / 2);
    const card = await until(async () => (await overlay(page)).find((i) => i.kind === 'card' && i.visible), { message: 'card' });
    assert.match(card.text, /personnummer/i, 'the card explains the finding');
    await clickOverlay(page, 'btn', 'fix');
    await until(async () => (await model(page, ed.id)) === REDACTED, { message: `${ed.name} model redacted`, timeout: 3000 })
      .catch(async (e) => { throw new Error(`${e.message}; model: ${JSON.stringify(await model(page, ed.id))}`); });
    await until(async () => (await underlines(page, 'personnummer')).length === 0, { message: 'underline gone after the fix' });
    assert.equal(await page.evaluate((sel) => document.activeElement === document.querySelector(sel) || document.querySelector(sel).contains(document.activeElement), ed.sel), true, 'the editor keeps the focus');

    await page.keyboard.press('Control+z');
    await until(async () => (await model(page, ed.id)) === TEXT, { message: `${ed.name} model restored by undo`, timeout: 3000 })
      .catch(async (e) => { throw new Error(`${e.message}; model: ${JSON.stringify(await model(page, ed.id))}`); });
    // The restored number is flagged again, and nothing about it leaked into the page.
    await until(async () => (await underlines(page, 'personnummer')).length > 0, { message: 'underline back after undo' });
    assert.deepEqual(await pageCanSeeFindings(page, ['personal identity number', 'redacted]']), []);
    await page.close();
  });
}
