// Bedside's content script (document_start, all frames, the four sites). A thin DOM layer: finds
// writing boxes, sends their text to the service worker's checker over a port, draws underlines,
// badge, card and pre-submit dialog in a closed shadow root, and never writes to the editor's DOM.
import type { FromWorker, PageFinding, PageSettings, ToWorker } from '../shared/messages';
import { PORT_NAME } from '../shared/messages';
import type { Site } from '../shared/settings-types';
import { makeAdapter, type Framework } from './adapters';
import { Box, RANK } from './box';
import { remap } from './textmodel';
import { setLang, t } from './i18n';
import { COLOURS, Overlay } from './overlay';
import xSite from './sites/x.json';
import facebookSite from './sites/facebook.json';
import instagramSite from './sites/instagram.json';
import linkedinSite from './sites/linkedin.json';
import { sendAudit } from '../settings/audit';
import './follow-guard'; // boundary guard: Follow / Add friend / Connect on the client list

interface EditorRule { kind: string; framework: Framework; selector: string; within?: string; enterSends?: boolean }
interface SiteFile { site: Site; editors: EditorRule[]; submit: string[] }

const SITE_FILES: Record<string, SiteFile> = {
  'x.com': xSite as SiteFile,
  'twitter.com': xSite as SiteFile,
  'www.facebook.com': facebookSite as SiteFile,
  'www.instagram.com': instagramSite as SiteFile,
  'www.linkedin.com': linkedinSite as SiteFile,
};
/** Generic fallback for boxes the site file doesn't describe. */
const FALLBACK: EditorRule[] = [
  { kind: 'compose', framework: 'textarea', selector: 'textarea:not([readonly]):not([disabled])' },
  { kind: 'compose', framework: 'generic', selector: "[contenteditable='true'][role='textbox'], [contenteditable='plaintext-only'][role='textbox']" },
];

const siteFile = SITE_FILES[location.hostname];
if (siteFile && !(window as any).__bedsideLoaded) {
  (window as any).__bedsideLoaded = true; // content-script world only: pages can't see it
  start(siteFile);
}

/**
 * Stage timings for the in-page benchmark (tests/e2e/bench.mjs), off unless the benchmark's probe
 * sets `__bedsideTrace` to an array in Bedside's own content-script world (pages can't reach that
 * world). Only labels and performance.now() values are recorded: never text.
 */
function mark(label: string, duration?: number): void {
  const tr = (globalThis as any).__bedsideTrace;
  if (Array.isArray(tr)) tr.push(duration === undefined ? [label, performance.now()] : [label, performance.now(), duration]);
}

function start(site: SiteFile): void {
  const overlay = new Overlay();
  const boxes = new Map<HTMLElement, Box>();
  const byId = new Map<number, Box>();
  const allowed = new Set<string>();
  let nextId = 1;
  let seq = 0;
  let settings: PageSettings | null = null;
  let workerError: string | null = null;
  let port: chrome.runtime.Port | null = null;
  const submitSelector = site.submit.join(', ');
  const editorSelector = [...site.editors, ...FALLBACK].map((r) => r.selector).join(', ');

  // ---- worker port ----------------------------------------------------------------------------
  function connect(): chrome.runtime.Port | null {
    if (port) return port;
    try {
      port = chrome.runtime.connect({ name: PORT_NAME });
    } catch (e) {
      workerError = String(e); // extension reloaded or removed: show it, keep the page working
      schedulePaint();
      return null;
    }
    port.onMessage.addListener(onMessage);
    port.onDisconnect.addListener(() => {
      port = null;
      for (const b of boxes.values()) { b.inFlight = null; b.next = null; }
      // The worker was stopped (idle) or restarted; reconnect and re-check what is open.
      setTimeout(() => { if (boxes.size) { connect(); boxes.forEach((b) => send(b)); } }, 50);
    });
    return port;
  }
  function post(msg: ToWorker): void {
    const p = connect();
    try { p?.postMessage(msg); } catch { port = null; }
  }
  function state(): 'on' | 'off' | { error: string } {
    if (workerError) return { error: workerError };
    if (!settings) return 'on';
    return settings.active && settings.sites[site.site] !== false ? 'on' : 'off';
  }
  function onMessage(msg: FromWorker): void {
    if (msg.type === 'state') {
      settings = msg.settings;
      workerError = msg.error;
      setLang(settings.uiLang);
      // New settings (or the policy, read after the first checker was built): every verdict in
      // memory, or on its way, was made with the old ones. Check the open drafts again.
      for (const b of boxes.values()) {
        b.next = null;
        b.inFlight = null;
        if (b.text) { b.resultVersion = -1; send(b, true); }
      }
      schedulePaint();
    } else if (msg.type === 'precheck') {
      const b = byId.get(msg.box);
      if (b?.next && b.next.seq === msg.seq) {
        b.next.hits = new Map(msg.hits);
        warmKeystroke(b, b.next);
      }
    } else if (msg.type === 'result' || msg.type === 'failed') {
      mark('c.result');
      if (msg.type === 'result' && msg.trace) for (const [k, v] of msg.trace) mark(k, v);
      const b = byId.get(msg.box);
      if (!b || !b.inFlight || b.inFlight.seq !== msg.seq) return;
      const checked = b.inFlight.text;
      b.inFlight = null;
      if (!b.stale) return; // a prepared verdict already covers the current text
      if (msg.type === 'failed') {
        workerError = msg.error;
      } else {
        if (workerError && !workerError.startsWith('settings')) workerError = null;
        b.accept(checked, msg.findings);
      }
      if (b.stale) send(b);
      else prepareNext(b);
      paintBox(b);
      mark('c.drawn');
    }
  }
  // A long draft (an article pasted whole) is sent when typing pauses, not on every keystroke:
  // posting the text costs the page's thread ~1 ms per 100,000 characters (a 1 MB draft: ~11 ms a
  // keystroke, CPU profile in BENCHMARKS.md), and its spans are remapped across edits meanwhile.
  const LONG_DRAFT_CHARS = 50_000;
  const LONG_DRAFT_PAUSE_MS = 300;
  /** Sends the box's text to the checker; `now`: also a long draft, without waiting for a pause. */
  function send(b: Box, now = false): void {
    if (state() === 'off') return;
    if (b.stale && useNext(b)) return;
    if (b.inFlight) return;
    clearTimeout(b.sendTimer);
    if (!now && b.text.length > LONG_DRAFT_CHARS) {
      b.sendTimer = window.setTimeout(() => { if (b.stale) send(b, true); }, LONG_DRAFT_PAUSE_MS);
      return;
    }
    b.inFlight = { seq: ++seq, text: b.text };
    const trace = Array.isArray((globalThis as any).__bedsideTrace) || undefined;
    post({ type: 'check', box: b.id, seq: b.inFlight.seq, text: b.text, trace });
    mark('c.sent');
  }

  // ---- the next keystroke's verdict, prepared in advance -----------------------------------------
  // Chromium runs no task between a keystroke and the frame that shows it (measured: a message or
  // timer posted at keydown runs after that frame), so a verdict that has to come back over the
  // port is drawn a frame after the character. To draw it in the same frame, the verdict must be
  // in memory before the key is pressed: after each fresh verdict, while the box has the caret
  // inside a word or a number, the worker checks the text with each likely next character typed at
  // the caret and returns the few whose findings are not just the current ones moved across the
  // edit. When the user then types one of those characters, the verdict is taken (and drawn) in
  // the microtask after the edit, with no round trip. Anything else takes the usual path.
  const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
  function nextChars(text: string, at: number): string {
    const prev = [...text.slice(Math.max(0, at - 2), at)].pop() ?? '';
    if (/\p{N}/u.test(prev)) return '0123456789 -./,)';
    if (!/\p{L}/u.test(prev)) return '';
    // Letters of the draft's own alphabet beyond a-z (å, ł, ç, ş, …), a few at most.
    const extra = new Set<string>();
    for (const m of text.matchAll(/[^\x00-\x7f]/gu)) {
      if (/\p{Ll}/u.test(m[0])) extra.add(m[0]);
      if (extra.size >= 12) break;
    }
    return `${LETTERS}${[...extra].join('')} .,!?;:)`;
  }
  // Prepared a little after the frame that shows the edit, so that the worker's extra checks don't
  // compete for the CPU while the page renders the keystroke (typing gaps are ~100-200 ms).
  const PREPARE_AFTER_MS = 40;
  const PREPARE_MAX_CHARS = 5_000;
  function prepareNext(b: Box): void {
    b.next = null;
    clearTimeout(b.prepareTimer);
    const version = b.version;
    b.prepareTimer = window.setTimeout(() => {
      if (b.version !== version) return;
      // The layout side too: whatever the next keystroke will measure is brought up to date now,
      // while the page is idle, so that keystroke only measures its own edit.
      b.adapter.prepare();
      b.prepareDraw();
      prepareNow(b);
    }, PREPARE_AFTER_MS);
  }
  function prepareNow(b: Box): void {
    b.next = null;
    if (b.stale || state() !== 'on' || !settings) return;
    // The in-page benchmark measures the path without prepared verdicts too (BENCH_FALLBACK=1):
    // like the trace switch, only code in Bedside's own content-script world can set this.
    if ((globalThis as any).__bedsideNoPrepare === true) return;
    const active = document.activeElement;
    if (!active || !(active === b.el || b.el.contains(active))) return;
    const caret = b.adapter.caret();
    if (!caret) return;
    const [at, end] = caret;
    // Each prepared character costs the worker one whole check (~35 per keystroke): worth it for
    // drafts of post size, not for a long article, which takes the round trip (a frame later).
    if (b.text.length > PREPARE_MAX_CHARS) return;
    const chars = nextChars(b.text, at);
    if (!chars) return;
    b.next = { seq: ++seq, text: b.text, at, end, chars, base: b.findings, hits: null };
    post({ type: 'precheck', box: b.id, seq: b.next.seq, text: b.text, at, end, chars });
  }
  /** The prepared verdict for `text` when it is `n`'s text with one prepared character typed. */
  function preparedVerdict(n: NonNullable<Box['next']>, text: string): PageFinding[] | null {
    if (!n.hits) return null;
    const k = text.length - (n.text.length - (n.end - n.at));
    if (k < 1 || k > 2) return null;
    const c = text.slice(n.at, n.at + k);
    if ([...c].length !== 1 || !n.chars.includes(c)) return null;
    if (!text.startsWith(n.text.slice(0, n.at)) || text.slice(n.at + k) !== n.text.slice(n.end)) return null;
    return n.hits.get(c) ?? remap(n.base, { from: n.at, toOld: n.end, toNew: n.at + k }, text);
  }
  /** True when the edit is one prepared character: its verdict is taken and drawn now. */
  function useNext(b: Box): boolean {
    const n = b.next;
    b.next = null;
    const findings = n && preparedVerdict(n, b.text);
    if (!findings) return false;
    b.accept(b.text, findings);
    mark('c.prepared');
    paintBox(b, true);
    repaint.delete(b); // drawn for this text already; a later mutation puts it back
    mark('c.drawn');
    prepareNext(b);
    return true;
  }

  /**
   * While idle, once the next keystroke's verdicts are in: runs the code that keystroke will run
   * (the keydown listener's plain-character exit, the prepared-verdict lookup for the first prepared
   * character, and the drawing of an underline, on a detached twin of the box: Box.warmDraw), with no
   * DOM write and no visible effect. In a page where nothing was underlined yet, or after a pause
   * long enough for V8 to drop unused bytecode, that code otherwise ran cold inside the keystroke:
   * lazily compiled and with empty inline caches (traced: ~1 ms of compilation per keystroke).
   */
  function warmKeystroke(b: Box, n: NonNullable<Box['next']>): void {
    if (!settings) return;
    const t = performance.now();
    onKeydown(WARM_KEY);
    const typed = `${n.text.slice(0, n.at)}${n.chars[0]}${n.text.slice(n.end)}`;
    preparedVerdict(n, typed);
    // With an underline on screen, every keystroke already runs the drawing code.
    if (!b.drawn.some((d) => d.rects.length)) b.warmDraw(settings, [Math.max(0, n.at - 8), n.at]);
    // The keystroke posts the after-frame task; the first postTask of a page cost up to ~0.7 ms
    // (CPU profile). With nothing in badgeLater the task does nothing.
    if (!afterFrameQueued) { afterFrameQueued = true; postAfterFrame(); }
    mark('c.warm', performance.now() - t);
  }
  const WARM_KEY = { key: 'Unidentified' } as KeyboardEvent;

  // ---- finding boxes ----------------------------------------------------------------------------
  function ruleFor(el: HTMLElement): EditorRule | null {
    for (const r of [...site.editors, ...FALLBACK]) {
      if (el.matches(r.selector) && (!r.within || el.closest(r.within))) return r;
    }
    return null;
  }
  function scan(): void {
    overlay.attach();
    for (const [el, b] of boxes) if (!el.isConnected) forget(b);
    for (const el of document.querySelectorAll<HTMLElement>(editorSelector)) {
      if (boxes.has(el)) continue;
      // Nested editables belong to their outermost editor.
      if (el.parentElement?.closest("[contenteditable='true']") && !(el instanceof HTMLTextAreaElement)) continue;
      const rule = ruleFor(el);
      if (!rule) continue;
      const b = new Box(nextId++, makeAdapter(rule.framework, el, overlay.mirrors), rule.kind, !!rule.enterSends, overlay);
      boxes.set(el, b);
      byId.set(b.id, b);
      watch(b);
      b.prepareDraw();
      b.refresh();
      if (b.text) send(b);
      else b.resultVersion = b.version;
      connect();
    }
    schedulePaint();
  }
  let scanQueued = false;
  const pageObserver = new MutationObserver(() => {
    if (scanQueued) return;
    scanQueued = true;
    setTimeout(() => { scanQueued = false; scan(); }, 100);
  });
  const resize = new ResizeObserver(() => schedulePaint());
  /** A box that left the page: its underlines and badge go, and the worker drops its text. */
  function forget(b: Box): void {
    b.dispose();
    b.observer?.disconnect();
    resize.unobserve(b.el);
    boxes.delete(b.el);
    byId.delete(b.id);
    dirty.delete(b);
    repaint.delete(b);
    if (port) post({ type: 'forget', box: b.id });
  }
  function watch(b: Box): void {
    // Draft.js and others update the DOM from their model without an input event: watch mutations.
    b.observer = new MutationObserver(() => markDirty(b));
    b.observer.observe(b.el, { childList: true, characterData: true, subtree: true });
    resize.observe(b.el);
  }

  // ---- typing ---------------------------------------------------------------------------------
  // The check leaves as soon as the edit is in the DOM: an input event or a mutation of the box
  // marks it dirty and queues one microtask, which reads the text (one tree walk, or a textarea's
  // value), remaps the spans across the edit and, unless a check for this box is already in flight,
  // sends it to the worker. While one is in flight, edits coalesce: the result handler sends the
  // latest text. So the check travels while the page is still rendering the typed character, and
  // its result is drawn in the task it arrives in. The next frame only moves remapped underlines.
  // (A task or a frame callback would wait: after input, Chromium renders the frame first.)
  const dirty = new Set<Box>();
  const repaint = new Set<Box>();
  let frameQueued = false;
  let readQueued = false;
  let paintAll = false;
  function markDirty(b: Box): void {
    dirty.add(b);
    repaint.add(b);
    queueFrame();
    if (!readQueued) {
      readQueued = true;
      queueMicrotask(readDirty);
    }
  }
  function readDirty(): void {
    readQueued = false;
    if (!dirty.size) return;
    mark('c.read');
    for (const b of dirty) {
      if (b.refresh()) send(b);
    }
    dirty.clear();
    mark('c.readEnd');
  }
  function schedulePaint(): void {
    paintAll = true;
    queueFrame();
  }
  function queueFrame(): void {
    if (frameQueued) return;
    frameQueued = true;
    requestAnimationFrame(frame);
  }
  function frame(): void {
    frameQueued = false;
    mark('c.frame');
    readDirty();
    // A page script may set a textarea's value after the input event (a controlled React input
    // that rejects or rewrites the edit): no input event, no mutation. Reading a value is cheap.
    for (const b of repaint) if (b.adapter.framework === 'textarea' && b.refresh()) send(b);
    const targets = paintAll ? [...boxes.values()] : [...repaint];
    repaint.clear();
    for (const b of targets) {
      // A textarea drawn in this keystroke's task for the text it still holds needs nothing more:
      // its mutations (React writing defaultValue) don't move its text, and its rects come from
      // our own mirror, so measuring again would only lay the mirror out a second time.
      if (!paintAll && b.adapter.framework === 'textarea' && b.paintedVersion === b.version && badgeLater.has(b)) continue;
      paintBox(b, badgeLater.has(b));
    }
    paintAll = false;
    // The keystroke's underline writes, measured in its input microtask: after every read above,
    // so nothing here forces a style pass; the frame's own style pass follows.
    for (const b of deferred) b.flushWrites();
    deferred.clear();
    if (card && !cardStillValid()) hideCard();
    mark('c.frameEnd');
  }
  /** Boxes measured in a keystroke whose writes wait for `frame` (Box.paint, `deferWrites`). */
  const deferred = new Set<Box>();
  /**
   * Draws a box's underlines and badge. `inKeystroke`: drawn in the keystroke's own task, before
   * the frame that shows the typed character; only the underlines are drawn then, and the badge and
   * the audit count follow in a task after that frame (`afterFrameChannel`).
   */
  function paintBox(b: Box, inKeystroke = false): void {
    b.paint(settings, allowed, state(), !inKeystroke, inKeystroke);
    b.paintedVersion = b.version;
    if (inKeystroke) {
      if (b.hasWrites) { deferred.add(b); queueFrame(); }
      badgeLater.add(b);
      if (!afterFrameQueued) { afterFrameQueued = true; postAfterFrame(); }
      return;
    }
    countShown(b);
  }
  // Chromium runs no task between a keystroke and the frame that shows it, so a task posted from
  // the keystroke runs once that frame is painted. At background priority (scheduler.postTask): the
  // badge and the audit count can wait for the page's own tasks after the frame (React schedules
  // its work in such tasks); a plain message would run ahead of everything the page queues later.
  const badgeLater = new Set<Box>();
  let afterFrameQueued = false;
  const afterFrameChannel = new MessageChannel();
  const taskScheduler = (globalThis as { scheduler?: { postTask?: (fn: () => void, o: { priority: string }) => Promise<void> } }).scheduler;
  const postAfterFrame = (): void => {
    if (taskScheduler?.postTask) void taskScheduler.postTask(afterFrame, { priority: 'background' });
    else afterFrameChannel.port2.postMessage(0);
  };
  afterFrameChannel.port1.onmessage = () => afterFrame();
  const afterFrame = (): void => {
    afterFrameQueued = false;
    mark('c.afterFrame');
    const st = state();
    for (const b of badgeLater) {
      if (!boxes.has(b.el)) continue;
      // The keystroke measured with the box's style as read while idle: check it now.
      if (b.adapter.verify()) { repaint.add(b); queueFrame(); }
      b.paintBadgeLater(st);
      countShown(b);
    }
    badgeLater.clear();
    mark('c.afterFrameEnd');
  };
  function countShown(b: Box): void {
    // Audit (counts only, no text). A warning is counted once per draft: per rule, only when more
    // of its findings are on screen at once than ever before in this draft, so a span that grows
    // while the user types, or disappears for a frame and returns, is not counted again.
    if (b.text.trim() === '') { b.counted.clear(); return; }
    const now = new Map<string, { n: number; category: PageFinding['category'] }>();
    for (const d of b.drawn) {
      if (!d.rects.length) continue;
      const e = now.get(d.finding.rule) ?? { n: 0, category: d.finding.category };
      e.n++;
      now.set(d.finding.rule, e);
    }
    for (const [rule, { n, category }] of now) {
      const before = b.counted.get(rule) ?? 0;
      if (n <= before) continue;
      b.counted.set(rule, n);
      auditLater.push([category, n - before]);
    }
    if (auditLater.length && !auditQueued) { auditQueued = true; setTimeout(flushAudit, 0); }
  }
  // Audit messages leave after the underline is drawn, not in its way.
  const auditLater: Array<[PageFinding['category'], number]> = [];
  let auditQueued = false;
  function flushAudit(): void {
    auditQueued = false;
    for (const [category, n] of auditLater.splice(0)) audit('warning_shown', category, n);
  }
  /** One audit count per category among `items` (counts only, no text). */
  function auditItems(event: 'post_reviewed' | 'override', items: { finding: PageFinding }[]): void {
    for (const c of new Set(items.map((i) => i.finding.category))) audit(event, c);
  }
  /**
   * Audit counts go over the open port when there is one: the first `chrome.runtime.sendMessage`
   * in a page cost 0.4-2.4 ms of the page's main thread in traces (after the frame, but in the way
   * of the next keystrokes); the port is already open.
   */
  function audit(event: 'warning_shown' | 'post_reviewed' | 'override', category: PageFinding['category'], n = 1): void {
    if (port) post({ type: 'audit', event, site: site.site, category, n });
    else sendAudit(event, site.site, category, n);
  }
  function boxFor(target: EventTarget | null): Box | null {
    if (!(target instanceof Node)) return null;
    for (const [el, b] of boxes) if (el === target || el.contains(target)) return b;
    return null;
  }
  window.addEventListener('input', (e) => { mark('c.input'); const b = boxFor(e.target); if (b) markDirty(b); }, { capture: true, passive: true });
  window.addEventListener('scroll', schedulePaint, { capture: true, passive: true });
  window.addEventListener('resize', schedulePaint, { passive: true });

  // ---- card -------------------------------------------------------------------------------------
  let card: { el: HTMLElement; box: Box; finding: PageFinding } | null = null;
  let hideTimer = 0;
  function cardStillValid(): boolean {
    return !!card && card.box.drawn.some((d) => d.finding.rule === card!.finding.rule && d.finding.start === card!.finding.start);
  }
  function hideCard(): void {
    card?.el.remove();
    card = null;
  }
  function showCard(b: Box, f: PageFinding): void {
    if (card && card.box === b && card.finding.start === f.start && card.finding.rule === f.rule) return;
    hideCard();
    const el = overlay.el('div', 'card', 'card');
    el.setAttribute('role', 'dialog');
    el.style.setProperty('--c', COLOURS[f.category]);
    const cat = overlay.el('div', 'cat');
    cat.textContent = t(`page_cat_${f.category}`);
    const msg = overlay.el('div', 'msg', 'message');
    msg.textContent = f.message;
    const why = overlay.el('div', 'why');
    why.textContent = f.why;
    el.append(cat, msg, why);
    if (f.suggestion) {
      const s = overlay.el('div', 'sugg');
      s.textContent = f.suggestion;
      el.append(s);
    }
    const actions = overlay.el('div', 'actions');
    const term = b.text.slice(f.start, f.end);
    const button = (action: string, label: string, primary: boolean, run: () => void) => {
      const btn = overlay.el('button', primary ? 'primary' : '', 'btn');
      btn.setAttribute('data-action', action);
      btn.type = 'button';
      btn.textContent = label;
      btn.addEventListener('mousedown', (e) => e.preventDefault()); // keep the editor's focus
      btn.addEventListener('click', (e) => { e.stopPropagation(); run(); });
      actions.append(btn);
    };
    if (f.replacement != null) {
      button('fix', t('page_card_fix'), true, () => {
        hideCard();
        if (!b.adapter.replace(f.start, f.end, term, f.replacement!)) schedulePaint();
        markDirty(b);
      });
    }
    button('ignore', t('page_card_ignore'), false, () => {
      b.ignored.add(b.key(f));
      hideCard();
      schedulePaint();
    });
    button('allow', t('page_card_allow'), false, () => {
      allowed.add(term.toLowerCase());
      post({ type: 'allow', term });
      hideCard();
      schedulePaint();
    });
    el.append(actions);
    el.addEventListener('mouseenter', () => clearTimeout(hideTimer));
    overlay.layer.append(el);
    const r = b.drawn.find((d) => d.finding === f)?.rects[0] ?? b.el.getBoundingClientRect();
    const h = el.offsetHeight;
    const top = r.bottom + 4 + h > innerHeight ? Math.max(0, r.top - 4 - h) : r.bottom + 4;
    el.style.left = `${Math.max(4, Math.min(r.left, innerWidth - el.offsetWidth - 4))}px`;
    el.style.top = `${top}px`;
    card = { el, box: b, finding: f };
  }
  function hitAt(x: number, y: number): { b: Box; f: PageFinding } | null {
    for (const b of boxes.values()) {
      const f = b.hit(x, y);
      if (f) return { b, f };
    }
    return null;
  }
  let moveQueued = false;
  let lastMove = { x: 0, y: 0 };
  window.addEventListener('mousemove', (e) => {
    lastMove = { x: e.clientX, y: e.clientY };
    if (moveQueued || boxes.size === 0) return;
    moveQueued = true;
    requestAnimationFrame(() => {
      moveQueued = false;
      const hit = hitAt(lastMove.x, lastMove.y);
      if (hit) { clearTimeout(hideTimer); showCard(hit.b, hit.f); return; }
      if (card) {
        const r = card.el.getBoundingClientRect();
        const inCard = lastMove.x >= r.left - 6 && lastMove.x <= r.right + 6 && lastMove.y >= r.top - 6 && lastMove.y <= r.bottom + 6;
        if (inCard) clearTimeout(hideTimer);
        else { clearTimeout(hideTimer); hideTimer = window.setTimeout(hideCard, 400); }
      }
    });
  }, { capture: true, passive: true });

  // ---- before posting ---------------------------------------------------------------------------
  let replaying = false;
  let dialogOpen: HTMLElement | null = null;

  function blocking(bs: Box[]): { box: Box; finding: PageFinding }[] {
    if (!settings || state() !== 'on') return [];
    const out: { box: Box; finding: PageFinding }[] = [];
    for (const b of bs) {
      for (const f of b.open(settings, allowed)) {
        if (RANK[f.severity] >= RANK[settings.askBeforePostingFrom] && settings.enforcement[f.category] !== 'warn') out.push({ box: b, finding: f });
      }
    }
    return out;
  }
  function boxesNear(target: Element): Box[] {
    let n: Element | null = target;
    for (let depth = 0; n && depth < 25; depth++, n = n.parentElement) {
      const found = [...boxes.values()].filter((b) => n!.contains(b.el) && b.text.trim() !== '');
      if (found.length) return found;
    }
    return [];
  }
  // How long a post waits for the verdict on text changed since the last one: silently at first;
  // then (a worker starting up cold, a slow machine) with a dialog that says so, so that a draft
  // is never posted unchecked only because its check was late.
  const VERDICT_WAIT_MS = 1500;
  const VERDICT_WAIT_MAX_MS = 15000;
  /** Decides synchronously from the last verdict; if the text changed since, waits for the check. */
  function guard(e: Event, bs: Box[], replay: () => void): void {
    if (!bs.length || state() !== 'on') return;
    const pending = bs.some((b) => b.stale);
    if (!pending && blocking(bs).length === 0) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (dialogOpen) return;
    if (pending) {
      Promise.all(bs.map((b) => { markDirty(b); send(b, true); return b.fresh(VERDICT_WAIT_MS); })).then(() => {
        const items = blocking(bs);
        if (items.length) openDialog(items, replay);
        else if (state() === 'on' && bs.some((b) => b.stale)) askWhileChecking(bs, replay);
        else replay();
      });
    } else {
      openDialog(blocking(bs), replay);
    }
  }
  /**
   * The verdict is still out: a dialog says the draft is being checked ("Review" goes back, "Post
   * anyway" where the user may override). When the verdict comes, the draft is posted if it has
   * nothing to ask about, or the usual dialog lists what it has. If none comes at all, posting is
   * offered to everyone: a checker that never answers must not lock the site.
   */
  function askWhileChecking(bs: Box[], replay: () => void): void {
    const shown = openDialog([], replay, 'checking', bs);
    Promise.all(bs.map((b) => b.fresh(VERDICT_WAIT_MAX_MS))).then(() => {
      if (dialogOpen !== shown) return; // the user chose already
      dialogOpen.remove();
      dialogOpen = null;
      const items = blocking(bs);
      if (items.length) openDialog(items, replay);
      else if (state() !== 'on' || bs.every((b) => !b.stale)) replay();
      else openDialog([], replay, 'unchecked', bs);
    });
  }
  function replaying_(fn: () => void): () => void {
    return () => {
      replaying = true;
      try { fn(); } finally { replaying = false; }
    };
  }
  window.addEventListener('click', (e) => {
    if (replaying || !e.isTrusted) return;
    const target = e.target as Element | null;
    if (!(target instanceof Element)) return;
    const btn = submitSelector ? target.closest(submitSelector) : null;
    if (btn) {
      const init: MouseEventInit = { bubbles: true, cancelable: true, composed: true, view: window, detail: e.detail, clientX: e.clientX, clientY: e.clientY, screenX: e.screenX, screenY: e.screenY, button: e.button, buttons: e.buttons, ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, altKey: e.altKey, metaKey: e.metaKey };
      guard(e, boxesNear(btn), replaying_(() => target.dispatchEvent(new MouseEvent('click', init))));
      return;
    }
    const b = boxFor(target);
    if (b) {
      const f = b.hit(e.clientX, e.clientY);
      if (f) showCard(b, f);
    }
  }, true);
  // One keydown listener for the card's Escape and the Enter guard: every keystroke pays for each
  // listener it passes through, and a plain character leaves on the first comparison.
  function onKeydown(e: KeyboardEvent): void {
    const key = e.key;
    if (key !== 'Enter') {
      if (key === 'Escape' && card) hideCard();
      return;
    }
    if (replaying || !e.isTrusted || e.isComposing || e.keyCode === 229 || e.shiftKey) return;
    const b = boxFor(e.target);
    if (!b) return;
    const sends = e.ctrlKey || e.metaKey || (b.enterSends && !e.altKey);
    if (!sends) return;
    const target = e.target as Element;
    const init: KeyboardEventInit = { key: e.key, code: e.code, keyCode: e.keyCode, which: e.which, location: e.location, ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, altKey: e.altKey, metaKey: e.metaKey, repeat: e.repeat, bubbles: true, cancelable: true, composed: true, view: window } as KeyboardEventInit;
    // Editors (Quill, for one) ignore keys while they don't have focus: give it back first.
    guard(e, [b], replaying_(() => { b.el.focus({ preventScroll: true }); target.dispatchEvent(new KeyboardEvent('keydown', init)); }));
  }
  window.addEventListener('keydown', onKeydown, true);

  /**
   * The pre-submit dialog: what `items` Bedside found, or (`checking`) that the verdict is still
   * out, or (`unchecked`) that it never came; then "Review" goes back to `drafts`. Returns its
   * backdrop (`dialogOpen`).
   */
  function openDialog(items: { box: Box; finding: PageFinding }[], replay: () => void, verdict: 'found' | 'checking' | 'unchecked' = 'found', drafts: Box[] = []): HTMLElement {
    hideCard();
    // No settings yet (the worker is still starting): whether the user may override is not known.
    const critBlocked = items.some((i) => i.finding.severity === 'critical' && settings?.enforcement[i.finding.category] === 'block');
    const mayPost = verdict === 'unchecked' || (!critBlocked && !!settings?.userMayOverride);
    const backdrop = overlay.el('div', 'backdrop', 'backdrop');
    const d = overlay.el('div', 'dialog', 'dialog');
    d.setAttribute('role', 'alertdialog');
    d.setAttribute('data-verdict', verdict);
    d.setAttribute('aria-modal', 'true');
    const h = overlay.el('h2', '');
    h.textContent = t('page_dialog_title');
    h.id = 'bedside-dialog-title';
    d.setAttribute('aria-labelledby', h.id);
    const intro = overlay.el('p', '');
    intro.textContent = t(verdict === 'found' ? 'page_dialog_intro' : verdict === 'checking' ? 'page_dialog_checking' : 'page_dialog_unchecked');
    const ul = overlay.el('ul', '');
    for (const { box, finding } of items) {
      const li = overlay.el('li', '', 'item');
      li.setAttribute('data-cat', finding.category);
      const tag = overlay.el('span', 'tag');
      tag.style.setProperty('--c', COLOURS[finding.category]);
      const q = box.text.slice(finding.start, finding.end);
      li.append(tag, `${finding.message} — “${q.length > 40 ? `${q.slice(0, 40)}…` : q}”`);
      ul.append(li);
    }
    d.append(h, intro, ul);
    if (!mayPost && verdict === 'found') {
      const note = overlay.el('p', 'note', 'blocked');
      note.textContent = t('page_dialog_blocked');
      d.append(note);
    }
    const actions = overlay.el('div', 'actions');
    const close = () => { backdrop.remove(); dialogOpen = null; };
    // Back to the end of the draft (a Post click has already moved the selection out of it).
    const backToDraft = () => {
      const draft = drafts[0];
      if (draft) draft.adapter.select(draft.text.length, draft.text.length);
    };
    const review = overlay.el('button', 'primary', 'btn');
    review.type = 'button';
    review.setAttribute('data-action', 'review');
    review.textContent = t('page_dialog_review');
    review.addEventListener('click', () => {
      close();
      const first = items[0];
      if (!first) { backToDraft(); return; }
      first.box.adapter.select(first.finding.start, first.finding.end);
      schedulePaint();
      requestAnimationFrame(() => showCard(first.box, first.finding));
    });
    actions.append(review);
    if (mayPost) {
      const go = overlay.el('button', '', 'btn');
      go.type = 'button';
      go.setAttribute('data-action', 'post');
      go.textContent = t('page_dialog_post');
      go.addEventListener('click', () => { close(); auditItems('override', items); replay(); });
      actions.append(go);
    }
    d.append(actions);
    d.addEventListener('keydown', (e) => { if (e.key === 'Escape') review.click(); e.stopPropagation(); });
    backdrop.append(d);
    overlay.layer.append(backdrop);
    dialogOpen = backdrop;
    review.focus();
    auditItems('post_reviewed', items);
    return backdrop;
  }

  // ---- go -------------------------------------------------------------------------------------
  function begin(): void {
    pageObserver.observe(document.documentElement, { childList: true, subtree: true });
    scan();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', begin, { once: true });
  else begin();
  pageObserver.observe(document.documentElement, { childList: true, subtree: true });
}
