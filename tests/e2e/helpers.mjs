// Shared steps for the in-page tests.
import { overlay, until, wordRects } from './harness.mjs';

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
    if (!want || got.length !== want.length) return false;
    const ok = want.every((w, i) => Math.abs(w.x - got[i].rect.x) < 1.5 && Math.abs(w.y - got[i].rect.y) < 1.5
      && Math.abs(w.width - got[i].rect.width) < 1.5 && Math.abs(w.height - got[i].rect.height) < 1.5);
    return ok ? { want, got } : false;
  }, { message: `underline under "${word}"` });
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
