// Where the page's main thread spends a keystroke (not part of ./build.sh test): the same typing as
// bench.mjs (a draft, then the key that completes a flagged phrase), recorded with a Chromium
// performance trace (CDP Tracing, from this script only), and the main thread's time from the
// keydown to the end of the frame that shows the character split by what ran: Bedside's content
// script, the page's scripts, style, layout (forced by Bedside, forced by the page, or the
// frame's own), paint and the rest. Prints medians over the runs.
//
//   node tests/e2e/profile.mjs                      (PROFILE_RUNS=8 by default)
//   PROFILE_EDITORS=textarea,quill node tests/e2e/profile.mjs
//   PROFILE_DUMP=N ...                              run N's event tree on stderr (1: the first)
//   BENCH_NO_EXTENSION=1 ...                        the same without Bedside
import { launch } from './harness.mjs';
import { EDITORS as ALL_EDITORS, PHRASE, filler } from './bench-drafts.mjs';

const RUNS = Number(process.env.PROFILE_RUNS ?? 8);
const BASELINE = process.env.BENCH_NO_EXTENSION === '1';
const pick = process.env.PROFILE_EDITORS?.split(',');
const EDITORS = pick ? ALL_EDITORS.filter((e) => pick.includes(e.key)) : ALL_EDITORS;
const SIZES = (process.env.PROFILE_SIZES ?? '280,3000').split(',').map(Number);
const median = (xs) => { const a = [...xs].sort((x, y) => x - y); return a.length ? a[Math.ceil(a.length / 2) - 1] : NaN; };

const WARM = Number(process.env.PROFILE_WARM ?? 0);
const CPU = process.env.PROFILE_CPU === '1';
/** Adds a CPU profile's self time (µs) per Bedside function (and per native function Bedside called) to `into`. */
function selfTimes(profile, into) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => `${n.callFrame.functionName || '(anonymous)'}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
  const bedsideAncestor = (id) => {
    for (let p = id; p !== undefined; p = parent.get(p)) {
      const n = byId.get(p);
      if (isBedside(n.callFrame.url)) return n;
    }
    return null;
  };
  // Only the keystroke's own work: samples under the listeners, observers, microtasks and frame
  // callback that run in the keystroke's task and frame (not the timers and messages after it).
  const ROOTS = new Set(['readDirty', 'frame', 'markDirty', 'window.addEventListener.capture', 'document.addEventListener.capture']);
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const chain = [];
    for (let p = profile.samples[i]; p !== undefined; p = parent.get(p)) chain.push(byId.get(p));
    const mine = chain.filter((n) => isBedside(n.callFrame.url));
    if (!mine.length) continue;
    const root = mine[mine.length - 1];
    const rootName = root.callFrame.functionName || `(anonymous):${root.callFrame.lineNumber + 1}`;
    if (!ROOTS.has(root.callFrame.functionName) && !(root.callFrame.functionName === '' && mine.some((n) => ROOTS.has(n.callFrame.functionName)))) {
      into.set(`  (after the frame) ${rootName}`, (into.get(`  (after the frame) ${rootName}`) ?? 0) + dt);
      continue;
    }
    const leaf = chain[0];
    const seen = new Set();
    // Inclusive time per Bedside function; a native leaf counts for its Bedside caller as "name < caller".
    for (const n of mine) { const k = label(n); if (!seen.has(k)) { seen.add(k); into.set(k, (into.get(k) ?? 0) + dt); } }
    if (!isBedside(leaf.callFrame.url)) { const k = `  native ${label(leaf)} < ${label(mine[0])}`; into.set(k, (into.get(k) ?? 0) + dt); }
    into.set('= in the keystroke', (into.get('= in the keystroke') ?? 0) + dt);
  }
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'v8', 'blink', ...(process.env.PROFILE_COMPILE === '1' ? ['v8.compile', 'disabled-by-default-v8.compile'] : [])];

async function traced(cdp, fn) {
  const events = [];
  const onData = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  await fn();
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  return events;
}

const isBedside = (url) => typeof url === 'string' && url.startsWith('chrome-extension://');
/** The script a JS event ran (url of its frame), or null. */
function scriptOf(e) {
  const d = e.args?.data ?? e.args?.beginData ?? {};
  if (d.url) return d.url;
  if (d.stackTrace?.[0]?.url) return d.stackTrace[0].url;
  return null;
}

/**
 * Splits the main thread's time in [t0, t1] (µs) into buckets by the innermost event that covers
 * each instant: JS (Bedside's or the page's, by the nearest enclosing script url), style, layout,
 * paint and the rest of the frame, and idle.
 */
function split(events, t0, t1) {
  const xs = events.filter((e) => e.ph === 'X' && e.dur !== undefined && e.ts < t1 && e.ts + e.dur > t0).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const out = {};
  const add = (k, v) => { out[k] = (out[k] ?? 0) + v; };
  // Walk as a tree: each event's self time goes to its bucket.
  const stack = [];
  const bucket = (e, parentBucket) => {
    const n = e.name;
    const url = scriptOf(e);
    if (n === 'EventDispatch' && !url) return parentBucket ?? 'browser';
    if (n === 'FunctionCall' || n === 'EventDispatch' || n === 'TimerFire' || n === 'FireAnimationFrame' || n === 'RunMicrotasks' || n === 'V8.Execute' || n === 'v8.callFunction' || n === 'EvaluateScript' || n === 'FireIdleCallback') {
      if (url) return isBedside(url) ? 'js:bedside' : 'js:page';
      return parentBucket?.startsWith('js:') ? parentBucket : 'js:?';
    }
    if (n === 'UpdateLayoutTree' || n === 'RecalculateStyles' || n === 'ScheduleStyleRecalculation') return `style${parentBucket?.startsWith('js:') ? `(forced by ${parentBucket.slice(3)})` : ''}`;
    if (n === 'Layout') return `layout${parentBucket?.startsWith('js:') ? `(forced by ${parentBucket.slice(3)})` : ''}`;
    if (n === 'Paint' || n === 'PrePaint' || n === 'Layerize' || n === 'Commit' || n === 'UpdateLayer' || n === 'CompositeLayers' || n === 'PaintImage') return 'paint';
    if (n.startsWith('V8.GC') || n === 'MinorGC' || n === 'MajorGC' || n.startsWith('V8.Scavenger') || n === 'BlinkGC.AtomicPhase') return 'gc';
    if (n === 'HitTest' || n === 'IntersectionObserverController::computeIntersections' || n === 'UpdateLayerTree') return 'other';
    return parentBucket ?? 'other';
  };
  let cursor = t0;
  const flush = (until) => {
    const u = Math.min(until, t1);
    if (u > cursor) add(stack.length ? stack[stack.length - 1].b : 'idle', u - cursor);
    cursor = Math.max(cursor, u);
  };
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) { const top = stack.pop(); flush(top.end); }
    flush(e.ts);
    const b = bucket(e, stack.length ? stack[stack.length - 1].b : null);
    stack.push({ end: e.ts + e.dur, b });
  }
  while (stack.length) { const top = stack.pop(); flush(top.end); }
  flush(t1);
  for (const k of Object.keys(out)) out[k] /= 1000;
  return out;
}

function dump(events, t0, t1) {
  const xs = events.filter((e) => e.ph === 'X' && e.dur !== undefined && e.ts < t1 && e.ts + e.dur > t0 && e.dur >= 30).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const stack = [];
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1] <= e.ts) stack.pop();
    const d = e.args?.data ?? e.args?.beginData ?? {};
    const what = [d.type, d.functionName, scriptOf(e)?.replace(/^.*\//, ''), d.lineNumber !== undefined ? `@${d.lineNumber + 1}` : '', d.stackTrace ? `stack:${d.stackTrace.slice(0, 3).map((s) => s.functionName).join('<')}` : ''].filter(Boolean).join(' ');
    console.error(`${((e.ts - t0) / 1000).toFixed(2).padStart(7)} ${(e.dur / 1000).toFixed(2).padStart(6)} ${'  '.repeat(stack.length)}${e.name} ${what}`);
    stack.push(e.ts + e.dur);
  }
}

const s = await launch({ extension: !BASELINE });
try {
  for (const ed of EDITORS) {
    for (const size of SIZES) {
      const splits = [];
      const cpu = new Map();
      for (let run = 0; run < RUNS; run++) {
        const page = await s.open(ed.host);
        const cdp = await page.context().newCDPSession(page);
        await page.click(ed.sel);
        await page.keyboard.insertText(`${filler(size - PHRASE.length - 1)} ${PHRASE.slice(0, -1)}`);
        await page.waitForTimeout(250);
        if (WARM) {
          // Warm Bedside's code first (JIT): type and delete a few words, back to the same draft.
          for (let i = 0; i < WARM; i++) { await page.keyboard.type(' abc'); await page.keyboard.press('Backspace'); await page.keyboard.press('Backspace'); await page.keyboard.press('Backspace'); await page.keyboard.press('Backspace'); }
          await page.keyboard.type('x');
          await page.keyboard.press('Backspace');
          await page.waitForTimeout(250);
        }
        if (CPU) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
          await cdp.send('Profiler.start');
          await page.waitForTimeout(30);
          await page.keyboard.press(PHRASE.slice(-1));
          await page.waitForTimeout(20);
          const { profile } = await cdp.send('Profiler.stop');
          await cdp.detach();
          await page.close();
          selfTimes(profile, cpu);
          continue;
        }
        const events = await traced(cdp, async () => {
          await page.waitForTimeout(30);
          await page.keyboard.press(PHRASE.slice(-1));
          await page.waitForTimeout(120);
        });
        await cdp.detach();
        await page.close();
        // The page's main thread: where the trusted keydown was dispatched.
        const kd = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
        if (!kd) throw new Error('no keydown in the trace');
        const main = events.filter((e) => e.pid === kd.pid && e.tid === kd.tid);
        const input = main.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input' && e.ts >= kd.ts);
        // The frame that shows the character: the first Commit after the input event (the end of
        // the main thread's part of that frame).
        const commit = main.find((e) => (e.name === 'Commit' || e.name === 'Layerize') && e.ts > input.ts);
        const t1 = commit.ts + (commit.dur ?? 0);
        const parts = split(main, kd.ts, t1);
        parts.total = (t1 - kd.ts) / 1000;
        // Bedside's inclusive time: its outermost script calls in the window (with what they force).
        // Thread (CPU) time as well as wall time: CPU time is what Bedside costs the page, and it
        // moves less with the load of the machine.
        let bed = 0, bedCpu = 0, bedFrame = 0, busyUntil = -1;
        for (const e of main) {
          if (e.name !== 'FunctionCall' || e.ts < kd.ts || e.ts >= t1 || e.ts < busyUntil || !isBedside(scriptOf(e))) continue;
          bed += e.dur / 1000;
          bedCpu += (e.tdur ?? NaN) / 1000;
          if (e.args?.data?.functionName === 'frame') bedFrame += e.dur / 1000;
          busyUntil = e.ts + e.dur;
        }
        // V8's compile and parse work inside Bedside's calls (lazy compilation of code that runs for
        // the first time in the keystroke).
        let compile = 0;
        for (const e of main) {
          if (e.ph !== 'X' || e.ts < kd.ts || e.ts >= t1 || !/compile|parse/i.test(e.name)) continue;
          const outer = main.find((o) => o.name === 'FunctionCall' && isBedside(scriptOf(o)) && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur);
          if (outer) { compile += e.dur / 1000; if (process.env.PROFILE_COMPILE_NAMES) console.error(`compile ${e.name} ${(e.dur / 1000).toFixed(3)} in ${outer.args?.data?.functionName}`); }
        }
        parts['=bedside compile'] = compile;
        // The frame's hit test for the mouse resting over the editor (a synthetic mouse move at the
        // start of the frame), with the pre-paint it forces.
        parts['=hit test'] = main.filter((e) => e.name === 'EventHandler::handleMouseMoveEvent' && e.ts >= kd.ts && e.ts < t1).reduce((a, e) => a + e.dur / 1000, 0);
        parts['=bedside'] = bed;
        parts['=bedside cpu'] = bedCpu;
        parts['=bedside rAF'] = bedFrame;
        // The whole main thread's CPU time from keydown to the frame's commit.
        let mainCpu = 0; let until = -1;
        for (const e of main) {
          if (e.ph !== 'X' || e.ts < kd.ts || e.ts >= t1 || e.ts < until || e.tdur === undefined) continue;
          mainCpu += e.tdur / 1000; until = e.ts + e.dur;
        }
        parts['=main cpu'] = mainCpu;
        splits.push(parts);
        if (process.env.PROFILE_DUMP && run === Number(process.env.PROFILE_DUMP) - 1) { console.error(`--- ${ed.name} ${size}`); dump(main, kd.ts, t1); }
      }
      if (CPU) {
        const rows = [...cpu].sort((a, b) => b[1] - a[1]).slice(0, 40);
        console.log(`--- ${ed.name} ${size}: self time per run (ms), Bedside's functions and native calls made from them, top 40`);
        for (const [k, v] of rows) console.log(`${(v / RUNS / 1000).toFixed(3).padStart(8)} ${k}`);
        continue;
      }
      const keys = [...new Set(splits.flatMap((x) => Object.keys(x)))].sort();
      console.log(`${ed.name} ${size}${BASELINE ? ' (without Bedside)' : ''}: ${keys.map((k) => `${k} ${median(splits.map((x) => x[k] ?? 0)).toFixed(2)}`).join(' | ')}`);
    }
  }
} finally {
  await s.close();
}
