// Typing after a very long paste (not part of ./build.sh test): a ~1 MB draft is pasted, then
// characters are typed one at a time, each timed from the key press until the editor's own model
// holds it (measured from Node over CDP, so the figures include that round trip: compare builds,
// not absolute values). Browsers with Bedside, without it, and optionally with another build run
// interleaved, so the machine's state is shared. Prints a Markdown table for BENCHMARKS.md.
//
//   node tests/e2e/bench-bigpaste.mjs                   (BIG_ROUNDS=3, BIG_KEYS=8, BIG_CHARS=1000000)
//   BENCH_BEFORE_EXT=<dir> node tests/e2e/bench-bigpaste.mjs   also another build ("before")
//   BIG_EDITORS=textarea,lexical ...                    editors (keys in bench-drafts.mjs)
//   BIG_PROFILE=<dir> ...                               CPU profiles of the typing, one per browser and run
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, overlay, until } from './harness.mjs';
import { model } from './helpers.mjs';
import { EDITORS as ALL_EDITORS } from './bench-drafts.mjs';

const ROUNDS = Number(process.env.BIG_ROUNDS ?? 3);
const KEYS = Number(process.env.BIG_KEYS ?? 8);
const CHARS = Number(process.env.BIG_CHARS ?? 1_000_000);
const pick = (process.env.BIG_EDITORS ?? 'textarea,lexical').split(',');
const EDITORS = ALL_EDITORS.filter((e) => pick.includes(e.key));
const median = (xs) => { const a = [...xs].sort((x, y) => x - y); return a[Math.ceil(a.length / 2) - 1]; };

/** ~`n` characters of unflagged text in paragraphs of ten sentences, then one flagged sentence. */
function longDraft(n) {
  const sentence = 'Clinic news: we are open on Saturdays, bring your questions about sleep, food and exercise. ';
  const parts = [];
  let k = 0;
  for (let i = 1; k < n; i++) {
    const s = i % 10 === 0 ? `${sentence.trimEnd()}\n` : sentence;
    parts.push(s);
    k += s.length;
  }
  return `${parts.join('')}And now our guaranteed results plan.`;
}

const builds = [
  { name: 'with Bedside', opts: {} },
  { name: 'without Bedside', opts: { extension: false } },
  ...(process.env.BENCH_BEFORE_EXT ? [{ name: 'before', opts: { extensionDir: process.env.BENCH_BEFORE_EXT } }] : []),
];
for (const b of builds) b.browser = await launch(b.opts);

const draft = longDraft(CHARS);
const results = new Map(); // `${editor} ${build}` -> per-key ms
let profiles = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const ed of EDITORS) {
    const order = round % 2 ? [...builds].reverse() : builds;
    for (const b of order) {
      const page = await b.browser.open(ed.host);
      await page.click(ed.sel);
      await page.keyboard.insertText(draft);
      if (b.opts.extension !== false) {
        await until(async () => (await overlay(page)).find((i) => i.kind === 'badge' && i.visible && i.attrs['data-state'] === 'findings'),
          { timeout: 120000, message: 'the long draft checked' });
      }
      await new Promise((r) => setTimeout(r, 1000));
      // Quill may leave the caret short of the end after a long paste (with or without Bedside).
      await page.keyboard.press('Control+End');
      const cdp = await page.context().newCDPSession(page);
      if (process.env.BIG_PROFILE) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.start'); }
      let expected = draft;
      const key = `${ed.name}|${b.name}`;
      if (!results.has(key)) results.set(key, []);
      for (const ch of 'Thanks, see you all there'.slice(0, KEYS)) {
        const t0 = performance.now();
        await page.keyboard.type(ch);
        expected += ch;
        await until(async () => (await model(page, ed.id)) === expected, { timeout: 60000, interval: 2, message: 'the typed character in the model' });
        results.get(key).push(performance.now() - t0);
      }
      if (process.env.BIG_PROFILE) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(join(process.env.BIG_PROFILE, `${ed.key}-${b.name.replace(/\W+/g, '-')}-${round}.cpuprofile`), JSON.stringify(profile));
        profiles++;
      }
      await cdp.detach();
      await page.close();
    }
  }
}
for (const b of builds) await b.browser.close();

console.log(`\nTyping after a ${draft.length.toLocaleString('en')}-character paste: key press → character in the editor's model (over CDP), ${ROUNDS} rounds × ${KEYS} keys, builds interleaved\n`);
console.log(`| editor | ${builds.map((b) => `${b.name}: median / max`).join(' | ')} |`);
console.log(`|---|${builds.map(() => '---:').join('|')}|`);
for (const ed of EDITORS) {
  const cells = builds.map((b) => { const xs = results.get(`${ed.name}|${b.name}`); return `${median(xs).toFixed(0)} / ${Math.max(...xs).toFixed(0)} ms`; });
  console.log(`| ${ed.name} | ${cells.join(' | ')} |`);
}
if (profiles) console.log(`\n${profiles} CPU profiles in ${process.env.BIG_PROFILE}`);
