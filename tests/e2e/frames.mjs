// When does the keystroke's frame begin? (not part of ./build.sh test; BENCHMARKS.md, "In-page,
// session 5"). Checks what bench.mjs's BENCH_UNTHROTTLED switches do to Chromium's frame clock:
//  1. on an idle page, how long a rAF requested from a timer waits for its frame;
//  2. the benchmark's keystroke (textarea, 280 characters, without Bedside unless FRAMES_EXT=1)
//     under a CDP trace: the renderer compositor's begin frames around the keydown (their type and
//     the frame time they carry) and the main frames, in ms after the keydown.
//
//   node tests/e2e/frames.mjs                 default flags
//   BENCH_UNTHROTTLED=1 node tests/e2e/frames.mjs
import { launch } from './harness.mjs';
import { PHRASE, filler } from './bench-drafts.mjs';

const UNTHROTTLED = process.env.BENCH_UNTHROTTLED === '1';
const RUNS = Number(process.env.FRAMES_RUNS ?? 6);
const s = await launch({ extension: process.env.FRAMES_EXT === '1', args: UNTHROTTLED ? ['--disable-frame-rate-limit', '--disable-gpu-vsync'] : [] });
try {
  console.log(UNTHROTTLED ? 'frames not rate-limited' : 'default frame clock');
  const page = await s.open('www.instagram.com');
  const waits = await page.evaluate(async () => {
    const xs = [];
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 37));
      const t = performance.now();
      await new Promise((r) => requestAnimationFrame(() => r()));
      xs.push(performance.now() - t);
    }
    return xs.sort((a, b) => a - b);
  });
  console.log(`idle page, rAF requested from a timer: wait median ${waits[10].toFixed(1)} ms, max ${waits[19].toFixed(1)} ms`);
  await page.close();

  for (let run = 0; run < RUNS; run++) {
    const p = await s.open('www.instagram.com');
    const cdp = await p.context().newCDPSession(p);
    await p.click('textarea[data-fixture="ig-comment"]');
    await p.keyboard.insertText(`${filler(280 - PHRASE.length - 1)} ${PHRASE.slice(0, -1)}`);
    await p.waitForTimeout(200);
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['cc', 'devtools.timeline'] }, transferMode: 'ReportEvents' });
    await p.waitForTimeout(20);
    await p.keyboard.press(PHRASE.slice(-1));
    await p.waitForTimeout(100);
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
    await p.close();
    const kd = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
    const input = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input' && e.ts >= kd.ts);
    const ms = (t) => ((t - kd.ts) / 1000).toFixed(1);
    const near = (e) => e.pid === kd.pid && e.ts > kd.ts - 40_000;
    // Scheduler::BeginFrame carries the begin frame's arguments: NORMAL or MISSED (a frame the
    // source had already begun, delivered late to a client that just asked for one).
    const begins = events.filter((e) => near(e) && e.name === 'Scheduler::BeginFrame').sort((a, b) => a.ts - b.ts)
      .map((e) => { const a = e.args?.args ?? {}; return `${ms(e.ts)}${a.subtype === 'MISSED' ? ' MISSED' : ''} (frame time ${a.frame_time_us === undefined ? '?' : ms(a.frame_time_us)})`; });
    const mains = [...new Set(events.filter((e) => near(e) && e.name === 'ProxyMain::BeginMainFrame').map((e) => ms(e.ts)))];
    console.log(`run ${run + 1}: input event at ${ms(input.ts)} ms; begin frames at ${begins.join(', ')}; main frames at ${mains.join(', ')}`);
  }
} finally {
  await s.close();
}
