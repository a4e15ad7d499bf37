// Verdicts prepared for the next keystroke (content script "next", worker "precheck"): typing a
// draft one key at a time, where most verdicts are taken from the prepared ones with no round
// trip, must end with exactly the underlines and badge that the same text gets from a normal check
// (pasted in one edit), in each editor. The trace switch (Bedside's own world, reached over CDP as
// the benchmark does) confirms that the prepared path was taken.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EXT_ID, launch, overlay, until } from './harness.mjs';

const EDITORS = [
  { name: 'Draft.js', host: 'x.com', sel: "[data-testid='tweetTextarea_0']" },
  { name: 'Lexical', host: 'www.facebook.com', sel: '[data-fixture="fb-compose"]' },
  { name: 'Quill', host: 'www.linkedin.com', sel: '[data-fixture="li-compose"] .ql-editor' },
  { name: 'textarea', host: 'www.instagram.com', sel: 'textarea[data-fixture="ig-comment"]' },
];
// Findings that complete on a letter, on a digit and after punctuation.
const DRAFT = 'My patient Anna Berg, born 1984-03-12, asked about our guaranteed results, you idiot';

/** Evaluates `expression` in Bedside's content-script world of the page's main frame. */
async function inBedside(page, expression) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const frameId = (await cdp.send('Page.getFrameTree')).frameTree.frame.id;
    const c = contexts.find((x) => x.origin === `chrome-extension://${EXT_ID}` && x.auxData?.frameId === frameId);
    if (!c) throw new Error('Bedside content-script world not found');
    const r = await cdp.send('Runtime.evaluate', { expression, contextId: c.id, returnByValue: true });
    return r.result.value;
  } finally {
    await cdp.detach();
  }
}

/** What the overlay shows: underlines (rule and rounded geometry) and the badges' count. */
async function shown(page) {
  const items = await overlay(page);
  const u = items.filter((i) => i.kind === 'u').map((i) => `${i.attrs['data-rule']}@${Math.round(i.rect.x)},${Math.round(i.rect.y)},${Math.round(i.rect.width)}`).sort();
  // One badge per box on the page; only the one typed in has findings.
  const count = items.filter((i) => i.kind === 'badge').reduce((n, i) => n + Number(i.attrs['data-count'] ?? 0), 0);
  return { underlines: u, count };
}

let s;
before(async () => { s = await launch(); });
after(async () => { await s?.close(); });

for (const ed of EDITORS) {
  test(`${ed.name}: typing key by key with prepared verdicts ends where a normal check does`, async () => {
    const pasted = await s.open(ed.host);
    await pasted.click(ed.sel);
    await pasted.keyboard.insertText(DRAFT);
    const expected = await until(async () => { const v = await shown(pasted); return v.count >= 3 ? v : false; }, { message: 'findings for the pasted draft' });
    await pasted.waitForTimeout(300);
    assert.deepEqual(await shown(pasted), expected, 'the pasted draft\'s verdict is stable');
    await pasted.close();

    const page = await s.open(ed.host);
    await page.click(ed.sel);
    await inBedside(page, 'globalThis.__bedsideTrace = []; 0');
    await page.keyboard.type(DRAFT, { delay: 60 });
    const got = await until(async () => { const v = await shown(page); return JSON.stringify(v) === JSON.stringify(expected) ? v : false; }, { message: `${ed.name}: typed draft shows the pasted draft's findings (expected ${JSON.stringify(expected)})` });
    assert.deepEqual(got, expected);
    const prepared = await inBedside(page, "(() => { const n = globalThis.__bedsideTrace.filter(([k]) => k === 'c.prepared').length; delete globalThis.__bedsideTrace; return n; })()");
    assert.ok(prepared >= DRAFT.length / 3, `prepared verdicts were used (${prepared} of ${DRAFT.length} keystrokes)`);
    await page.close();
  });
}
