// Boxes that come and go, as in a real feed (Facebook's, on Lexical): comment boxes added as the
// user scrolls are checked; a box removed from the page takes its underlines and badge with it,
// many boxes coming and going leave nothing behind; a single-page navigation that replaces the
// feed brings a new box that is checked and guarded like the first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, overlay, until } from './harness.mjs';
import { CLAIM, expectUnderlined, model, posted, setUserSettings, underlines } from './helpers.mjs';

const RULE = 'guaranteed-results';
const box = (id) => `[data-fixture="${id}"]`;

let s;
before(async () => { s = await launch(); });
after(async () => { await s?.close(); });

/** Bedside's badges on the page, one per box it watches (shown or not). */
async function badges(page) {
  return (await overlay(page)).filter((i) => i.kind === 'badge');
}

test('Facebook feed: boxes added later are checked, removed ones leave no underline or badge, navigation brings a guarded box', { timeout: 90000 }, async () => {
  await setUserSettings(s.worker, { enforcement: { claims: 'confirm' } });
  const page = await s.open('www.facebook.com');
  const fixed = (await page.evaluate(() => window.__fixture.ids())).length; // compose, comment, DM
  await until(async () => (await badges(page)).length === fixed, { message: 'a badge for each of the page\'s boxes' });

  // Posts added as the user scrolls: their comment boxes are found and checked.
  const [first, second] = await page.evaluate(() => window.__fixture.feed.more(2));
  await until(async () => (await badges(page)).length === fixed + 2, { message: 'the new comment boxes picked up' });
  await page.click(box(first));
  await page.keyboard.type(`Our ${CLAIM} plan`);
  await expectUnderlined(page, box(first), CLAIM, RULE);

  // The post leaves the page with its draft: its underline and badge go with it.
  await page.evaluate((id) => window.__fixture.feed.remove(id), first);
  await until(async () => (await underlines(page)).length === 0 && (await badges(page)).length === fixed + 1,
    { message: 'the removed box\'s underline and badge gone' });

  // Many posts come and go (a long scroll): nothing is left behind, on screen or in memory.
  const cdp = await page.context().newCDPSession(page);
  const domNodes = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Memory.getDOMCounters')).nodes;
  };
  const nodesBefore = await domNodes();
  for (let round = 0; round < 15; round++) {
    const ids = await page.evaluate(() => window.__fixture.feed.more(3));
    if (round % 5 === 0) {
      await page.click(box(ids[1]));
      await page.keyboard.type(`${CLAIM}`);
      await expectUnderlined(page, box(ids[1]), CLAIM, RULE);
    }
    await page.evaluate((xs) => xs.forEach((id) => window.__fixture.feed.remove(id)), ids);
  }
  await until(async () => (await overlay(page)).filter((i) => i.kind === 'u' || i.kind === 'badge').length === fixed + 1,
    { message: 'only the live boxes\' badges left, no underline' });
  // 45 removed editors hold ~500 nodes: a box kept alive by Bedside would show here.
  const nodesAfter = await domNodes();
  assert.ok(nodesAfter <= nodesBefore + 40, `DOM nodes after 45 boxes came and went: ${nodesBefore} → ${nodesAfter}`);
  await cdp.detach();

  // Single-page navigation replaces the feed: the new box is checked, and Enter asks first.
  const next = await page.evaluate(() => window.__fixture.feed.navigate('/groups/ward-seven'));
  await until(async () => (await badges(page)).length === fixed + 1, { message: 'the old feed\'s box gone, the new one watched' });
  assert.ok(!(await page.evaluate((id) => window.__fixture.ids().includes(id), second)));
  await page.click(box(next));
  await page.keyboard.type(`We offer ${CLAIM}`);
  await expectUnderlined(page, box(next), CLAIM, RULE);
  await page.keyboard.press('Enter');
  await until(async () => (await overlay(page)).find((i) => i.kind === 'dialog' && i.visible), { message: 'the dialog on Enter' });
  assert.deepEqual(await posted(page), []);
  assert.equal(await model(page, next), `We offer ${CLAIM}`);
  await page.close();
  await setUserSettings(s.worker, { enforcement: {} });
});
