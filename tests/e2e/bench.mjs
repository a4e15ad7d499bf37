// In-page benchmark (run by ./build.sh bench, not by ./build.sh test): time from a keystroke to
// the painted underline, for a 280- and a 3,000-character draft in each editor, and long tasks
// (> 50 ms) on the page's main thread while typing. Prints a Markdown table for BENCHMARKS.md.
//
// Method: the draft (filler text plus a flagged phrase missing its last letter) is inserted, then
// the last letter is typed with a real key press. The flagged phrase completes on that keystroke,
// so the underline appears only after a full round trip: input -> diff -> port -> WASM check ->
// result -> paint. Time runs from sending the key press (CDP) until a CDP poll of the closed
// shadow root sees the underline: an upper bound, as it includes CDP round trips (~1 ms each).
import { launch } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const EDITORS = [
  { name: 'Draft.js (X)', host: 'x.com', sel: "[data-testid='tweetTextarea_0']", id: 'x-compose' },
  { name: 'Lexical (Facebook)', host: 'www.facebook.com', sel: '[data-fixture="fb-compose"]', id: 'fb-compose' },
  { name: 'Quill (LinkedIn)', host: 'www.linkedin.com', sel: '[data-fixture="li-compose"] .ql-editor', id: 'li-compose' },
  { name: 'textarea (Instagram)', host: 'www.instagram.com', sel: 'textarea[data-fixture="ig-comment"]', id: 'ig-comment' },
];
const FILLER = 'Spent the morning on the ward and the afternoon teaching students about hand hygiene. ';
const PHRASE = 'guaranteed results';

function filler(n) {
  let s = '';
  while (s.length < n) s += FILLER;
  return s.slice(0, n);
}
const pct = (xs, p) => { const a = [...xs].sort((x, y) => x - y); return a[Math.min(a.length - 1, Math.floor(p * a.length))]; };

const s = await launch();
const rows = [];
try {
  for (const ed of EDITORS) {
    for (const size of [280, 3000]) {
      const times = [];
      let longTasks = 0;
      for (let run = 0; run < RUNS; run++) {
        const page = await s.open(ed.host);
        await page.evaluate(() => {
          window.__long = 0;
          new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.duration > 50) window.__long++; }).observe({ type: 'longtask', buffered: false });
        });
        await page.click(ed.sel);
        const body = filler(size - PHRASE.length - 1);
        await page.keyboard.insertText(`${body} ${PHRASE.slice(0, -1)}`);
        await page.waitForTimeout(150);
        await page.evaluate(() => { window.__long = 0; });
        // Find the closed shadow root once; then each poll is one DOM.querySelector round trip.
        const cdp = await page.context().newCDPSession(page);
        const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
        const find = (n) => (n.localName === 'bedside-overlay' ? n.shadowRoots[0] : [...(n.children || [])].map(find).find(Boolean));
        const shadow = find(root);
        const t0 = performance.now();
        await page.keyboard.press(PHRASE.slice(-1));
        let ms = null;
        while (performance.now() - t0 < 3000) {
          const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector: '.u' });
          if (nodeId) { ms = performance.now() - t0; break; }
        }
        await cdp.detach();
        if (ms === null) throw new Error(`${ed.name} ${size}: no underline`);
        times.push(ms);
        longTasks += await page.evaluate(() => window.__long);
        await page.close();
      }
      rows.push({ editor: ed.name, size, median: pct(times, 0.5), p95: pct(times, 0.95), longTasks });
      console.error(ed.name, size, times.map((t) => t.toFixed(1)).join(' '));
    }
  }
} finally {
  await s.close();
}
console.log('| editor | draft | keystroke → underline, median | p95 | long tasks > 50 ms |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.editor} | ${r.size} chars | ${r.median.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.longTasks} |`);
