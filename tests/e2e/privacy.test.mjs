// Privacy on all four sites' compose boxes (Draft.js, Lexical, React textarea, Quill), in real
// Chromium with the built extension: page scripts never see a finding (not in the DOM at any
// moment, not in CSS.highlights, not in a readable shadow root) while Bedside underlines, shows its
// card and asks before posting; and the extension makes no network request of its own.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, overlay, until } from './harness.mjs';
import { CLAIM, pageCanSeeFindings, setUserSettings, underlines } from './helpers.mjs';

const RULE = 'guaranteed-results';
const SITES = [
  { host: 'x.com', sel: "[data-testid='tweetTextarea_0']", post: "[data-testid='tweetButtonInline']" },
  { host: 'www.facebook.com', sel: '[data-fixture="fb-compose"]', post: "[role='dialog'] [role='button'][aria-label='Post']" },
  { host: 'www.instagram.com', sel: 'textarea[data-fixture="ig-comment"]', post: "form [role='button']" },
  { host: 'www.linkedin.com', sel: '[data-fixture="li-compose"] .ql-editor', post: '.share-actions__primary-action' },
];

/**
 * In the page's own world, before its scripts: records every string any DOM change outside the
 * editors put in the document (added nodes' text and attributes, changed attributes and text), so
 * that text shown for a moment and removed again is caught too. Shadow roots the page can open are
 * observed as they are attached.
 */
function recordDomWrites() {
  const seen = [];
  window.__domWrites = seen;
  const options = { subtree: true, childList: true, attributes: true, characterData: true };
  const watched = new WeakSet();
  const inEditor = (n) => {
    const el = n.nodeType === 1 ? n : n.parentElement;
    return !!el?.closest?.('[contenteditable="true"], textarea');
  };
  const added = (n) => {
    seen.push(n.textContent ?? '');
    if (n.nodeType !== 1) return;
    for (const e of [n, ...n.querySelectorAll('*')]) {
      for (const a of e.getAttributeNames()) seen.push(e.getAttribute(a));
      if (e.shadowRoot) watch(e.shadowRoot); // open roots only: a closed one is null here
    }
  };
  const record = (records) => {
    for (const r of records) {
      if (inEditor(r.target)) continue;
      if (r.type === 'attributes') seen.push(r.target.getAttribute(r.attributeName) ?? '');
      else if (r.type === 'characterData') seen.push(r.target.data);
      for (const n of r.addedNodes) added(n);
    }
  };
  function watch(root) {
    if (watched.has(root)) return;
    watched.add(root);
    new MutationObserver(record).observe(root, options);
    for (const n of root.childNodes) added(n);
  }
  watch(document);
  // Roots the page's own scripts attach later.
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (init?.mode === 'open') watch(root);
    return root;
  };
}

let b;
before(async () => {
  b = await launch();
  await b.context.addInitScript(recordDomWrites);
  await setUserSettings(b.worker, { enforcement: { claims: 'confirm' } });
});
after(async () => { await b?.close(); });

test('every site: page scripts cannot see the findings while underlined, in the card and in the dialog; no network requests', async () => {
  for (const s of SITES) {
    const page = await b.open(s.host);
    await page.click(s.sel);
    await page.keyboard.type(`We offer ${CLAIM}.`);
    const [u] = await until(() => underlines(page, RULE).then((l) => (l.length ? l : false)), { message: `${s.host}: underline` });
    // The card (hover) and the pre-submit dialog put the finding's own words on screen.
    await page.mouse.move(u.rect.x + 5, u.rect.y + u.rect.height / 2);
    const card = await until(async () => (await overlay(page)).find((i) => i.kind === 'card' && i.visible), { message: `${s.host}: card` });
    const message = (await overlay(page)).find((i) => i.kind === 'message')?.text;
    assert.ok(message && card.text.includes(message), `${s.host}: the card shows the finding's message`);
    // Escape closes the card, which may cover the Post button.
    await page.keyboard.press('Escape');
    await until(async () => !(await overlay(page)).some((i) => i.kind === 'card'), { message: `${s.host}: card closed` });
    await page.click(s.post);
    const dialog = await until(async () => (await overlay(page)).find((i) => i.kind === 'dialog' && i.visible), { message: `${s.host}: dialog` });
    assert.ok(dialog.text.includes(message), `${s.host}: the dialog lists it`);

    const secrets = [message, RULE];
    assert.deepEqual(await pageCanSeeFindings(page, secrets), [], `${s.host}: nothing readable now`);
    const written = await page.evaluate(() => window.__domWrites);
    assert.ok(written.length > 0, `${s.host}: the recorder saw the page's own DOM writes`);
    assert.deepEqual(written.filter((w) => secrets.some((x) => w.includes(x))), [], `${s.host}: never written to the page's DOM`);
    await page.close();
  }
  // Every request the browser made: the four fixture pages and their scripts, nothing else.
  const hosts = new Set(SITES.map((s) => s.host));
  assert.deepEqual(b.browserRequests.filter((u) => !u.startsWith('chrome-extension://') && !hosts.has(new URL(u).hostname)), []);
  assert.deepEqual(b.server.requests.filter((r) => !['/', '/app.js', '/favicon.ico'].includes(r.url)), []);
});
