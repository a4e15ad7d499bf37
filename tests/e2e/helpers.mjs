// Shared steps for the in-page tests.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { EXT_ID, launch, overlay, until, wordRects } from './harness.mjs';

export const CLAIM = 'guaranteed results';

/** Underline boxes of the overlay, optionally only those for one rule. */
export async function underlines(page, rule) {
  return (await overlay(page)).filter((i) => i.kind === 'u' && (!rule || i.attrs['data-rule'] === rule));
}

/** Waits until the underlines for `word` cover the word's own client rects (within 1.5 px). */
export async function expectUnderlined(page, editorSelector, word, rule) {
  return until(async () => {
    const want = await wordRects(page, editorSelector, word);
    const got = await underlines(page, rule);
    return want && coversExactly(got, want) ? { want, got } : false;
  }, { message: `underline under "${word}"` });
}

/**
 * True when the underline boxes are the wanted rects (within 1.5 px), one each. Compared in reading
 * order: an underline element is reused for whichever rect comes up, so the overlay's DOM order
 * says nothing.
 */
export function coversExactly(got, want) {
  if (got.length !== want.length) return false;
  const order = (a, b) => (Math.abs(a.y - b.y) < 1 ? a.x - b.x : a.y - b.y);
  const g = got.map((u) => u.rect).sort(order);
  const w = [...want].sort(order);
  return w.every((r, i) => Math.abs(r.x - g[i].x) < 1.5 && Math.abs(r.y - g[i].y) < 1.5
    && Math.abs(r.width - g[i].width) < 1.5 && Math.abs(r.height - g[i].height) < 1.5);
}

export async function model(page, id) {
  return page.evaluate((id) => window.__fixture.model(id), id);
}

export async function posted(page) {
  return page.evaluate(() => window.__fixture.posted.map((p) => p.id));
}

/** Nothing Bedside knows is readable by the page: no flagged text outside editors, no highlights, no open shadow roots with content. */
export async function pageCanSeeFindings(page, secrets) {
  return page.evaluate((secrets) => {
    const leaks = [];
    if (globalThis.CSS && CSS.highlights && CSS.highlights.size > 0) leaks.push('CSS.highlights');
    const host = document.querySelector('bedside-overlay');
    if (host && host.shadowRoot) leaks.push('open shadow root on overlay');
    const editors = [...document.querySelectorAll('[contenteditable="true"], textarea')];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        for (const a of el.getAttributeNames()) {
          const v = el.getAttribute(a);
          if (secrets.some((s) => v.includes(s))) leaks.push(`attribute ${a}`);
        }
      }
      const tw = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let t = tw.nextNode(); t; t = tw.nextNode()) {
        if (editors.some((e) => e.contains(t))) continue;
        if (t.parentElement && t.parentElement.closest('script,style')) continue;
        if (secrets.some((s) => t.data.includes(s))) leaks.push(`text node in <${t.parentElement?.tagName}>`);
      }
    };
    walk(document);
    return leaks;
  }, secrets);
}

export async function setUserSettings(worker, patch) {
  await worker.evaluate(async (patch) => {
    const cur = (await chrome.storage.local.get('settings')).settings ?? {};
    await chrome.storage.local.set({ settings: { ...cur, ...patch } });
  }, patch);
}

/** Per site, a person's card: a link to their profile and the site's Follow / Add friend / Connect button. */
export const FOLLOW_CARDS = {
  'x.com': (who, handle) => `<a href="https://x.com/${handle}">${who}</a><button data-testid="77-follow" aria-label="Follow @${handle}">Follow</button>`,
  'www.facebook.com': (who, handle) => `<a href="https://www.facebook.com/${handle}">${who}</a><div role="button" aria-label="Add friend">Add friend</div>`,
  'www.instagram.com': (who, handle) => `<a href="https://www.instagram.com/${handle}/">${handle}</a><button type="button">Follow</button>`,
  'www.linkedin.com': (who, handle) => `<a href="https://www.linkedin.com/in/${handle}/">${who}</a><button aria-label="Invite ${who} to connect">Connect</button>`,
};

/**
 * Puts one card per [id, who, handle] at the top of the page; a click that reaches a card's button
 * (that is, one the guard let through) is recorded in `window.__followed` (read it with `followed`).
 */
export async function addFollowCards(page, host, cards) {
  await page.evaluate((cards) => {
    window.__followed = [];
    for (const [id, html] of cards) {
      const card = document.createElement('div');
      card.id = id;
      card.innerHTML = html;
      card.querySelector('button, [role=button]').addEventListener('click', () => window.__followed.push(id));
      document.body.prepend(card);
    }
  }, cards.map(([id, who, handle]) => [id, FOLLOW_CARDS[host](who, handle)]));
}
export const followed = (page) => page.evaluate(() => window.__followed);

/** Adds `names` to the client list through the popup, as a user does, in the browser `b` (launch()). */
export async function addClients(b, names) {
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${EXT_ID}/popup.html`);
  const before = Number((await popup.locator('#client-count').textContent()).match(/\d+/)?.[0] ?? 0);
  for (const name of names) {
    await popup.fill('input[name="clientName"]', name);
    await popup.click('#client-add');
  }
  const want = new RegExp(`\\b${before + names.length}\\b`);
  await until(async () => want.test(await popup.locator('#client-count').textContent()), { message: `${before + names.length} clients` });
  await popup.close();
}


const POLICY_DIR = '/etc/chromium/policies/managed';
/**
 * Runs `fn(browser)` in a browser launched while the organisation's policy for Bedside is `policy`:
 * a real managed policy file, read by Chromium, present only until `fn` ends. `fn` may start before
 * the extension has read it (that read takes seconds in a fresh browser): wait for what you need.
 */
export async function withPolicy(policy, fn, name = 'bedside-test') {
  const file = `${POLICY_DIR}/${name}.json`;
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [EXT_ID]: policy } } }));
  let b;
  try {
    b = await launch();
    return await fn(b);
  } finally {
    rmSync(file, { force: true });
    await b?.close();
  }
}
