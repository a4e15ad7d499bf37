// In-page benchmark (not part of ./build.sh test): time from a keystroke to the painted underline,
// for a 280- and a 3,000-character draft in each editor, and long tasks (> 50 ms) on the page's
// main thread while typing. Prints Markdown tables for BENCHMARKS.md ("In-page").
//
//   node tests/e2e/bench.mjs                        (BENCH_RUNS=20 by default)
//   BENCH_BREAKDOWN=1 node tests/e2e/bench.mjs      also the stage medians (Bedside's own, from a trace)
//   BENCH_BREAKDOWN=1 BENCH_TRACE=1 ...             and every run's trace on stderr
//   BENCH_NO_EXTENSION=1 node tests/e2e/bench.mjs   baseline without Bedside: keystroke -> painted
//                                                   character, keydown -> input, long tasks
//   BENCH_FALLBACK=1 node tests/e2e/bench.mjs       Bedside without the prepared next-keystroke
//                                                   verdicts (the round-trip path)
//   BENCH_COMPARE=1 node tests/e2e/bench.mjs        with and without Bedside in two browsers, runs
//                                                   interleaved (with, without / without, with, ...),
//                                                   and Bedside's added latency per row
//   BENCH_COMPARE=1 BENCH_BEFORE_EXT=<dir> ...      a third browser with another build ("before"),
//                                                   interleaved with the other two (A/B)
//   BENCH_UNTHROTTLED=1 ...                         frames not rate-limited (any of the above)
//   BENCH_TYPED=1 ...                               closer to real typing (any of the above): the
//                                                   draft body is pasted, then the flagged phrase is
//                                                   typed key by key (BENCH_TYPED_DELAY ms apart,
//                                                   120 by default) and its last key is measured, so
//                                                   the editors' and Bedside's code are warm
//
// Frames: headless Chromium begins frames on a 60 Hz clock. BENCH_UNTHROTTLED=1 launches it with
// --disable-frame-rate-limit --disable-gpu-vsync: the display then begins a frame as soon as one is
// needed (a rAF requested while idle runs after ~0.5 ms instead of at the next tick), so no figure
// can include a wait for the clock. Traces of the keystroke (BENCHMARKS.md, "In-page, session 5")
// show that the default mode rarely waits either: the keydown's frame request gets a "missed" begin
// frame at once, dated up to one interval in the past. The column "input → the character's frame
// begins" shows it run by run in both modes.
//
// Method: the draft (filler text plus a flagged phrase missing its last letter) is inserted and
// checked; then the last letter is typed with a real key press. The phrase completes on that
// keystroke, so the underline appears only after a full round trip: input -> read and diff ->
// port -> WASM check in the service worker -> result -> underline -> paint.
// Timing is taken inside the page, not from Node: a probe evaluated (over CDP) in Bedside's own
// content-script world reaches the closed shadow root with chrome.dom.openOrClosedShadowRoot,
// stamps the keydown's event.timeStamp and the end of the frame that shows the typed character,
// and on the mutation that adds the underline finds the frame that paints it (see `probe`). So
// CDP latency is not in the figures, and the page never gets a hook (the probe lives in the
// extension's isolated world, and only in this benchmark). With BENCH_BREAKDOWN the probe also
// switches on Bedside's stage trace (labels and times only, never text) in that same world.
import { launch, EXT_ID } from './harness.mjs';
import { EDITORS as ALL_EDITORS, PHRASE, filler } from './bench-drafts.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
// BENCH_EDITORS=textarea,quill: only those editors (keys in bench-drafts.mjs).
const EDITORS = process.env.BENCH_EDITORS ? ALL_EDITORS.filter((e) => process.env.BENCH_EDITORS.split(',').includes(e.key)) : ALL_EDITORS;
// BENCH_NO_EXTENSION=1: the same typing without Bedside, counting long tasks only (the baseline).
const BASELINE = process.env.BENCH_NO_EXTENSION === '1';
const pct = (xs, p) => { const a = [...xs].sort((x, y) => x - y); return a[Math.min(a.length - 1, Math.ceil(p * a.length) - 1)]; };

/**
 * Evaluated in Bedside's content-script world (or, for the baseline without Bedside, in the page's
 * own world). Stamps the next trusted keydown's event.timeStamp (t0), the input event's timeStamp,
 * and the end of the first frame after that input: the frame that shows the typed character
 * ("char painted": its rAF, then the task after it, when the frame has been painted). With Bedside
 * it also waits for the mutation that adds the underline to the closed shadow root: if that comes
 * before the character's frame has run its animation callbacks, the underline is painted in that
 * same frame; otherwise it waits for the next frame and the task after it. Resolves with
 * { painted, char, input, inserted, sameFrame, trace } in ms after the keydown.
 */
const probe = (withBedside, trace) => `(() => {
  const withBedside = ${withBedside};
  const host = document.querySelector('bedside-overlay');
  const root = withBedside && host && chrome.dom.openOrClosedShadowRoot(host);
  if (withBedside && !root) return Promise.reject(new Error('no overlay'));
  if (withBedside && root.querySelector('.u')) return Promise.reject(new Error('an underline is already there'));
  if (withBedside && ${trace}) globalThis.__bedsideTrace = [];
  return new Promise((resolve, reject) => {
    let t0 = null, tIn = null, tChar = null, tCharFrame = null, tMut = null, charFrameRan = false;
    const afterPaint = (fn) => { const ch = new MessageChannel(); ch.port1.onmessage = () => fn(performance.now()); ch.port2.postMessage(0); };
    // The end of a frame's main-thread work, not counting tasks queued before it (BENCH_COMPARE's
    // second figure): a user-blocking task posted from its rAF runs ahead of normal tasks.
    let tCharDone = null, tDone = null;
    const frameDone = (fn) => scheduler.postTask(() => fn(performance.now()), { priority: 'user-blocking' });
    const finish = (tPainted) => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('input', onInput, true);
      const trace = globalThis.__bedsideTrace ? globalThis.__bedsideTrace.map(([k, v, d]) => [k, d ?? v - t0]) : [];
      delete globalThis.__bedsideTrace;
      const done = tPainted === tChar ? tCharDone : tDone;
      resolve({ done: done === null ? null : done - t0, charDone: tCharDone - t0, painted: tPainted - t0, char: tChar - t0, input: tIn - t0, inserted: tMut === null ? null : tMut - t0, sameFrame: tPainted === tChar, keydownTask: tTask === null ? null : tTask - t0, charFrame: tCharFrame - t0, trace });
    };
    // With the breakdown: a task posted at keydown shows when the page could next run one (the
    // port's reply is such a task).
    let tTask = null;
    const onKey = (e) => {
      if (t0 !== null || !e.isTrusted) return;
      t0 = e.timeStamp;
      if (${trace}) { const ch = new MessageChannel(); ch.port1.onmessage = () => { tTask = performance.now(); }; ch.port2.postMessage(0); }
    };
    const onInput = (e) => {
      if (t0 === null || tIn !== null) return;
      tIn = e.timeStamp;
      requestAnimationFrame(() => {
        charFrameRan = true;
        tCharFrame = performance.now();
        frameDone((t) => { tCharDone = t; });
        afterPaint((t) => {
          tChar = t;
          if (!withBedside || (tMut !== null && tMut < t && sameFrameAsChar)) finish(t);
        });
      });
    };
    let sameFrameAsChar = false;
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('input', onInput, true);
    if (withBedside) {
      const mo = new MutationObserver(() => {
        if (t0 === null || !root.querySelector('.u')) return;
        mo.disconnect();
        tMut = performance.now();
        // Before the character's frame (even before the probe's own input listener ran, which comes
        // after Bedside's): painted with the character.
        if (!charFrameRan) { sameFrameAsChar = true; return; }
        requestAnimationFrame(() => { frameDone((t) => { tDone = t; }); afterPaint((t) => { if (tChar === null) reject(new Error('underline before the character frame')); else finish(t); }); });
      });
      // An underline is either a new element or a spare one (made while idle) given the class 'u'.
      mo.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
    }
    setTimeout(() => reject(new Error('nothing painted within 3 s')), 3000);
  });
})()`;

/** The execution context id of Bedside's content script in the page's main frame. */
async function bedsideWorld(cdp, page) {
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const frameId = (await cdp.send('Page.getFrameTree')).frameTree.frame.id;
  for (let i = 0; i < 100; i++) {
    const c = contexts.find((x) => x.origin === `chrome-extension://${EXT_ID}` && x.auxData?.frameId === frameId);
    if (c) return c.id;
    await page.waitForTimeout(20);
  }
  throw new Error('Bedside content-script world not found');
}

const BREAKDOWN = !!process.env.BENCH_BREAKDOWN;
// BENCH_FALLBACK=1: without the next keystroke's prepared verdicts (the path of a character typed
// before they are ready, or outside the prepared set): the verdict comes back over the port.
const FALLBACK = process.env.BENCH_FALLBACK === '1';
// BENCH_TYPED=1: the flagged phrase (all but its last key) is typed key by key after the pasted body
// instead of pasted with it. The default (everything pasted, the phrase's last key measured) is a
// page's first keystroke, with the code of both the editor and Bedside run only a few times.
const TYPED = process.env.BENCH_TYPED === '1';
const TYPED_DELAY = Number(process.env.BENCH_TYPED_DELAY ?? 120);
/** Medians of Bedside's own stages from the content-script trace (BENCH_BREAKDOWN=1). */
function stageMedians(runs) {
  const at = (tr, k, after = -Infinity) => tr.find(([kk, t]) => kk === k && t >= after)?.[1];
  const rows = runs.map((r) => {
    const sent = at(r.trace, 'c.sent', r.input);
    const result = at(r.trace, 'c.result', sent);
    return { send: sent - r.input, check: at(r.trace, 'w.check'), trip: result - sent, draw: at(r.trace, 'c.drawn', result) - result, afterFrame: result > r.char - 3 ? 1 : 0 };
  }).filter((x) => Number.isFinite(x.send + x.trip + x.draw));
  const prepared = runs.filter((r) => r.trace.some(([k]) => k === 'c.prepared')).length;
  return { n: rows.length, prepared, ...Object.fromEntries(['send', 'check', 'trip', 'draw'].map((k) => [k, rows.length ? median(rows.map((x) => x[k])) : NaN])) };
}
const median = (xs) => pct(xs, 0.5);
const UNTHROTTLED = process.env.BENCH_UNTHROTTLED === '1';
const FRAME_ARGS = UNTHROTTLED ? ['--disable-frame-rate-limit', '--disable-gpu-vsync'] : [];
const COMPARE = process.env.BENCH_COMPARE === '1';
const BEFORE_EXT = process.env.BENCH_BEFORE_EXT;

/** One measured keystroke (and 22 more for long tasks) in a fresh page of `s`. */
async function measure(s, ed, size, withBedside) {
  const page = await s.open(ed.host);
  await page.evaluate(() => {
    window.__long = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.duration > 50) window.__long++; }).observe({ type: 'longtask' });
  });
  const cdp = await page.context().newCDPSession(page);
  const world = withBedside ? await bedsideWorld(cdp, page) : undefined;
  if (FALLBACK && withBedside) await cdp.send('Runtime.evaluate', { expression: 'globalThis.__bedsideNoPrepare = true', contextId: world });
  await page.click(ed.sel);
  const body = filler(size - PHRASE.length - 1);
  if (TYPED) {
    await page.keyboard.insertText(`${body} `);
    await page.waitForTimeout(200);
    await page.keyboard.type(PHRASE.slice(0, -1), { delay: TYPED_DELAY });
  } else {
    await page.keyboard.insertText(`${body} ${PHRASE.slice(0, -1)}`);
  }
  await page.waitForTimeout(200);
  await page.evaluate(() => { window.__long = 0; });
  const pending = cdp.send('Runtime.evaluate', { expression: probe(withBedside, BREAKDOWN), contextId: world, awaitPromise: true, returnByValue: true });
  await page.waitForTimeout(20);
  await page.keyboard.press(PHRASE.slice(-1));
  const res = await pending;
  if (res.exceptionDetails) throw new Error(`${ed.name} ${size}: ${res.exceptionDetails.exception?.description ?? res.exceptionDetails.text}`);
  const v = res.result.value;
  if (process.env.BENCH_TRACE) console.error(`    ${v.sameFrame ? '=' : '+'} input:${v.input.toFixed(1)} ${v.trace.map(([k, t]) => `${k}:${t.toFixed(1)}`).join(' ')} keydown-task:${v.keydownTask?.toFixed(1)} char-frame:${v.charFrame.toFixed(1)} char:${v.char.toFixed(1)} painted:${v.painted.toFixed(1)}`);
  // Keep typing (22 more keystrokes, each checked) inside the long-task window.
  await page.keyboard.type(' for you, and every day');
  await page.waitForTimeout(150);
  v.longTasks = await page.evaluate(() => window.__long);
  await cdp.detach();
  await page.close();
  return v;
}

/** A table row from one configuration's runs of one editor and size. */
function summarise(ed, size, runs, withBedside) {
  const times = runs.map((r) => (withBedside ? r.painted : r.char));
  return {
    doneTimes: runs.map((r) => (withBedside ? r.done : r.charDone)),
    editor: ed.name, size, times, median: median(times), p95: pct(times, 0.95), max: Math.max(...times), longTasks: runs.reduce((n, r) => n + r.longTasks, 0),
    char: median(runs.map((r) => r.char)), sameFrame: runs.filter((r) => r.sameFrame).length,
    // A task posted at keydown ran before the character's frame was painted (in how many runs).
    taskBeforeFrame: runs.filter((r) => r.keydownTask !== null && r.keydownTask < r.charFrame).length,
    input: median(runs.map((r) => r.input)),
    // From the input event to the character frame's animation callbacks: the wait for the frame to
    // begin plus whatever runs first (the editors' and Bedside's work after the input event).
    frameBegins: median(runs.map((r) => r.charFrame - r.input)),
    inserted: withBedside ? median(runs.map((r) => r.inserted - r.input)) : NaN,
    paint: withBedside ? median(runs.map((r) => r.painted - r.inserted)) : NaN,
    stages: BREAKDOWN && withBedside ? stageMedians(runs) : null,
  };
}

const f = (x) => `${x.toFixed(1)} ms`;
const g = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
function printWith(rows) {
  console.log(`| editor | draft | keystroke → painted underline, median | p95 | max | underline in the character's frame | keystroke → painted character, median | long tasks > 50 ms (${RUNS} × 23 keystrokes) |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.editor} | ${r.size} chars | ${f(r.median)} | ${f(r.p95)} | ${f(r.max)} | ${r.sameFrame}/${RUNS} | ${f(r.char)} | ${r.longTasks} |`);
  console.log('\nMedians (ms): | editor | draft | keydown → input event (browser + editor) | input → underline inserted | inserted → painted |');
  for (const r of rows) console.log(`| ${r.editor} | ${r.size} chars | ${r.input.toFixed(1)} | ${r.inserted.toFixed(1)} | ${r.paint.toFixed(1)} |`);
  if (BREAKDOWN) {
    console.log('\nBedside\'s stages: | editor | draft | verdict prepared before the keystroke | when not, medians (ms): input → check sent (read, diff, post) | worker: WASM check | sent → result handled (round trip, incl. waiting for the frame) | result → underline inserted | a task posted at keydown ran before the character\'s frame |');
    for (const r of rows) console.log(`| ${r.editor} | ${r.size} chars | ${r.stages.prepared}/${RUNS} | ${g(r.stages.send)} | ${g(r.stages.check)} | ${g(r.stages.trip)} | ${g(r.stages.draw)} | ${r.taskBeforeFrame}/${RUNS} |`);
  }
}
function printWithout(rows) {
  console.log(`| editor (without Bedside) | draft | keystroke → painted character, median | p95 | max | keydown → input event, median | long tasks > 50 ms (${RUNS} × 23 keystrokes) |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.editor} | ${r.size} chars | ${f(r.median)} | ${f(r.p95)} | ${f(r.max)} | ${f(r.input)} | ${r.longTasks} |`);
  if (BREAKDOWN) for (const r of rows) console.log(`${r.editor} ${r.size}: a task posted at keydown ran before the character's frame in ${r.taskBeforeFrame}/${RUNS} runs`);
}

if (!COMPARE) {
  const withBedside = !BASELINE;
  const s = await launch({ extension: withBedside, args: FRAME_ARGS });
  const rows = [];
  try {
    for (const ed of EDITORS) {
      for (const size of [280, 3000]) {
        const runs = [];
        for (let run = 0; run < RUNS; run++) runs.push(await measure(s, ed, size, withBedside));
        const row = summarise(ed, size, runs, withBedside);
        rows.push(row);
        console.error(ed.name, size, row.times.map((t) => t.toFixed(1)).join(' '));
      }
    }
  } finally {
    await s.close();
  }
  if (BASELINE) printWithout(rows);
  else printWith(rows);
} else {
  // Interleaved: each configuration has its own browser, and every run index measures all of them
  // back to back, in an order that rotates from run to run, so the machine's slow and fast spells
  // fall on all of them alike.
  const configs = [
    { name: 'with Bedside', withBedside: true, dir: undefined },
    { name: 'without Bedside', withBedside: false },
    ...(BEFORE_EXT ? [{ name: `with Bedside, before (${BEFORE_EXT})`, withBedside: true, dir: BEFORE_EXT }] : []),
  ];
  for (const c of configs) c.session = await launch({ extension: c.withBedside, args: FRAME_ARGS, ...(c.dir ? { extensionDir: c.dir } : {}) });
  const table = configs.map(() => []);
  const pairs = []; // per row: paired differences (with − without), run by run
  try {
    for (const ed of EDITORS) {
      for (const size of [280, 3000]) {
        const runs = configs.map(() => []);
        for (let run = 0; run < RUNS; run++) {
          for (let k = 0; k < configs.length; k++) {
            const i = (run + k) % configs.length;
            runs[i].push(await measure(configs[i].session, ed, size, configs[i].withBedside));
          }
        }
        configs.forEach((c, i) => {
          const row = summarise(ed, size, runs[i], c.withBedside);
          table[i].push(row);
          console.error(`${ed.name} ${size} ${c.name}:`, row.times.map((t) => t.toFixed(1)).join(' '));
        });
        pairs.push(configs.map((c, i) => table[i].at(-1).times.map((t, j) => t - table[1].at(-1).times[j])));
      }
    }
  } finally {
    for (const c of configs) await c.session.close();
  }
  console.log(`Frames: ${UNTHROTTLED ? 'not rate-limited (--disable-frame-rate-limit --disable-gpu-vsync)' : 'the default 60 Hz begin-frame clock'}; ${RUNS} runs per row, configurations interleaved; ${TYPED ? `the phrase typed key by key (${TYPED_DELAY} ms apart) after the pasted body` : 'the draft pasted, the phrase\'s last key measured'}.\n`);
  console.log('With Bedside:\n');
  printWith(table[0]);
  console.log('\nWithout Bedside:\n');
  printWithout(table[1]);
  for (let i = 2; i < configs.length; i++) { console.log(`\n${configs[i].name}:\n`); printWith(table[i]); }
  console.log('\nInput → the character\'s frame begins (its rAF), medians (ms): | editor | draft | ' + configs.map((c) => c.name).join(' | ') + ' |');
  table[0].forEach((r, j) => console.log(`| ${r.editor} | ${r.size} chars | ${configs.map((c, i) => g(table[i][j].frameBegins)).join(' | ')} |`));
  console.log('\nKeystroke → the frame\'s main-thread work done (a user-blocking task posted from its rAF, which runs ahead of tasks queued before the frame, such as Bedside\'s after-frame badge task), median / p95 (ms): | editor | draft | ' + configs.map((c) => c.name).join(' | ') + ' | added, ' + configs.filter((c, i) => i !== 1).map((c) => `${c.name} − without: median / p95`).join(' | ') + ' |');
  table[0].forEach((r, j) => {
    const q = (i) => { const xs = table[i][j].doneTimes; return [median(xs), pct(xs, 0.95)]; };
    const cells = configs.map((c, i) => q(i).map(g).join(' / '));
    const added = configs.map((c, i) => i).filter((i) => i !== 1).map((i) => { const [m, p] = q(i); const [wm, wp] = q(1); return `${(m - wm).toFixed(1)} / ${(p - wp).toFixed(1)}`; });
    console.log(`| ${r.editor} | ${r.size} chars | ${cells.join(' | ')} | ${added.join(' | ')} |`);
  });
  for (let i = 0; i < configs.length; i++) {
    if (i === 1) continue;
    console.log(`\nAdded latency, ${configs[i].name} − without Bedside (same run indices, interleaved):\n`);
    console.log('| editor | draft | with: median / p95 | without: median / p95 | added to the median | added to p95 | median of the run-by-run differences |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    table[i].forEach((r, j) => {
      const w = table[1][j];
      console.log(`| ${r.editor} | ${r.size} | ${g(r.median)} / ${g(r.p95)} | ${g(w.median)} / ${g(w.p95)} | ${(r.median - w.median).toFixed(1)} ms | ${(r.p95 - w.p95).toFixed(1)} ms | ${median(pairs[j][i]).toFixed(1)} ms |`);
    });
  }
}
