// A textarea's text geometry measured the test's own way, independent of Bedside's mirror: what
// the textarea underline tests compare Bedside's underlines with.
import { until } from './harness.mjs';
import { coversExactly, underlines } from './helpers.mjs';

/**
 * The client rects of text [start, end) of a textarea, measured the test's own way: a div given
 * every computed style property of the textarea, the same scrollbar (overflow-y: scroll when the
 * textarea has one) and border box, put where the textarea is and scrolled like it. Removed right after.
 */
export async function textareaRects(page, sel, start, end) {
  return page.evaluate(({ sel, start, end }) => {
    const ta = document.querySelector(sel);
    const cs = getComputedStyle(ta);
    const m = document.createElement('div');
    for (const p of cs) m.style.setProperty(p, cs.getPropertyValue(p));
    const r = ta.getBoundingClientRect();
    Object.assign(m.style, {
      // getComputedStyle's width is the used content width, already without the scrollbar.
      boxSizing: 'border-box', width: `${r.width}px`, height: `${r.height}px`,
      position: 'fixed', left: `${r.left}px`, top: `${r.top}px`, margin: '0', visibility: 'hidden',
      whiteSpace: 'pre-wrap', overflowWrap: 'break-word', overflowX: 'hidden',
      overflowY: ta.scrollHeight > ta.clientHeight ? 'scroll' : 'hidden',
    });
    m.textContent = `${ta.value}\u200b`;
    // Inside a shadow root made once, so that measuring adds nothing to the document that Bedside
    // watches (a change there makes it redraw, which would hide a missed redraw).
    const host = document.querySelector('test-measure') ?? document.body.appendChild(document.createElement('test-measure'));
    (host.shadowRoot ?? host.attachShadow({ mode: 'open' })).append(m);
    m.scrollTop = ta.scrollTop;
    const range = document.createRange();
    range.setStart(m.firstChild, start);
    range.setEnd(m.firstChild, end);
    const box = m.getBoundingClientRect();
    const rects = [...range.getClientRects()]
      .filter((q) => q.width > 0.5 && q.bottom > box.top && q.top < box.bottom)
      .map((q) => ({ x: q.x, y: q.y, width: q.width, height: q.height }));
    m.remove();
    return rects;
  }, { sel, start, end });
}

/** Waits until the underlines for `rule` in a textarea cover [start, end) as the test's mirror measures it. */
export async function expectTextareaUnderlined(page, sel, phrase, rule) {
  return until(async () => {
    const value = await page.locator(sel).inputValue();
    const start = value.indexOf(phrase);
    const want = await textareaRects(page, sel, start, start + phrase.length);
    const got = await underlines(page, rule);
    return want.length && coversExactly(got, want) ? { want, got } : false;
  }, { message: `textarea underline under "${phrase}"` });
}
