// One watched writing box: its text, the last verdict, underlines and badge.
import type { PageFinding, PageSettings } from '../shared/messages';
import type { Category, Severity } from '../shared/settings-types';
import { CATEGORIES } from '../shared/settings-types';
import type { Adapter } from './adapters';
import { t } from './i18n';
import { COLOURS, type Overlay } from './overlay';
import { diff, remap } from './textmodel';

export const RANK: Record<Severity, number> = { hint: 0, warning: 1, critical: 2 };

export interface Drawn { finding: PageFinding; rects: DOMRect[] }

export class Box {
  text = '';
  /** Text version: bumps on every change seen. */
  version = 0;
  /** Version of the text the current findings were computed for (after remapping: current). */
  resultVersion = -1;
  findings: PageFinding[] = [];
  drawn: Drawn[] = [];
  ignored = new Set<string>();
  /** Per rule, the most findings shown at once in this draft (for audit counts; no text). */
  counted = new Map<string, number>();
  inFlight: { seq: number; text: string } | null = null;
  /**
   * Verdicts prepared for the next keystroke (see index.ts): the text and selection they start
   * from, its findings, the characters covered, and (once the worker answered) those characters
   * whose verdict is not simply `base` moved across the edit.
   */
  next: { seq: number; text: string; at: number; end: number; chars: string; base: PageFinding[]; hits: Map<string, PageFinding[]> | null } | null = null;
  prepareTimer = 0;
  /** A long draft's check, waiting for a pause in typing (index.ts `send`). */
  sendTimer = 0;
  /** The text version the underlines on screen were drawn for. */
  paintedVersion = -1;
  waiters: Array<() => void> = [];
  /** Watches the editor's DOM for edits made without an input event (index.ts `watch`). */
  observer: MutationObserver | null = null;
  private underlines: HTMLElement[] = [];
  readonly badge: HTMLDivElement;

  constructor(
    readonly id: number,
    readonly adapter: Adapter,
    readonly kind: string,
    readonly enterSends: boolean,
    private overlay: Pick<Overlay, 'el' | 'layer'>,
  ) {
    this.badge = overlay.el('div', 'badge', 'badge');
    overlay.layer.append(this.badge);
  }

  get el(): HTMLElement { return this.adapter.el; }

  /** Reads the text; if it changed, remaps spans across the edit. Returns true on change. */
  refresh(): boolean {
    const next = this.adapter.read();
    if (next === this.text) return false;
    const d = diff(this.text, next);
    if (d) this.findings = remap(this.findings, d, next);
    this.text = next;
    this.version++;
    return true;
  }

  /** True while the verdict in memory is for older text than the box holds. */
  get stale(): boolean {
    return this.resultVersion !== this.version;
  }

  /** A new verdict for `checked`; remapped onto the current text if the user typed meanwhile. */
  accept(checked: string, findings: PageFinding[]): void {
    let f = findings;
    const d = diff(checked, this.text);
    if (d) f = remap(f, d, this.text);
    this.findings = f;
    if (!d) {
      this.resultVersion = this.version;
      const w = this.waiters;
      this.waiters = [];
      w.forEach((fn) => fn());
    }
  }

  key(f: PageFinding): string {
    return `${f.rule}\u0000${this.text.slice(f.start, f.end).toLowerCase()}`;
  }

  /** Findings shown to the user: at/above underlineFrom, category on, not ignored or allowed. */
  open(settings: PageSettings, allowed: Set<string>): PageFinding[] {
    return this.findings.filter((f) => RANK[f.severity] >= RANK[settings.underlineFrom]
      && settings.categories[f.category] !== false
      && !this.ignored.has(this.key(f))
      && !allowed.has(this.text.slice(f.start, f.end).toLowerCase()));
  }

  /**
   * Draws underlines and the badge. `state` is 'on', 'off' or an error message. All layout reads
   * (the box, the findings' rects, the viewport) come first, then the writes, and an element is
   * only written when what it shows changed: no layout is forced between writes, and a frame in
   * which nothing moved writes nothing. `deferWrites` (the keystroke's own paint, which runs
   * before the editor's input handlers): measure now, where layout is clean, but keep the DOM
   * writes for `flushWrites()` in Bedside's frame callback, after the editor's handlers and before
   * the frame's style pass; written earlier, they made the editor's own layout reads recalculate
   * style (Lexical ~1 ms, Draft.js ~0.5 ms) and the frame's hit test for the mouse re-run pre-paint.
   */
  paint(settings: PageSettings | null, allowed: Set<string>, state: 'on' | 'off' | { error: string }, badge = true, deferWrites = false): void {
    // Writes still pending from an earlier deferred paint stay queued ahead of this one's: the
    // bookkeeping (keys, spares) already reflects them, and order keeps the DOM right.
    const writes = this.writes;
    const edRect = this.el.getBoundingClientRect();
    const visible = this.el.isConnected && edRect.width > 0 && edRect.height > 0;
    const open = visible && state === 'on' && settings ? this.open(settings, allowed) : [];
    const all = open.length ? this.adapter.rectsMany(open.map((f) => [f.start, f.end]), !badge) : [];
    const viewportWidth = badge ? document.documentElement.clientWidth : 0;
    const shows = this.uncoveredTest(!deferWrites);
    this.drawn = [];
    let n = 0;
    open.forEach((f, i) => {
      const rects = all[i].filter((r) => r.bottom > edRect.top - 1 && r.top < edRect.bottom + 1 && shows(r));
      this.drawn.push({ finding: f, rects });
      for (const r of rects) {
        let u = this.underlines[n];
        if (!u) {
          u = this.spare.pop() ?? this.makeSpare(writes);
          this.underlines.push(u);
          this.underlineKeys.push('');
        }
        const key = `${r.left},${r.top},${r.width},${r.height},${f.category},${f.rule}`;
        if (this.underlineKeys[n] !== key) {
          const was = this.underlineKeys[n];
          this.underlineKeys[n] = key;
          const el = u;
          const css = `transform:translate(${r.left}px,${r.top}px);width:${r.width}px;height:${r.height}px;--c:${COLOURS[f.category]}`;
          const labels = !was.endsWith(`,${f.category},${f.rule}`);
          writes.push(() => {
            el.style.cssText = css;
            if (labels) {
              el.setAttribute('data-cat', f.category);
              el.setAttribute('data-rule', f.rule);
            }
            if (!was) {
              el.setAttribute('data-b', 'u');
              el.className = 'u';
            }
          });
        }
        n++;
      }
    });
    for (const u of this.underlines.splice(n)) this.retire(u);
    this.underlineKeys.length = n;
    this.visible = visible;
    if (!deferWrites) this.flushWrites();
    if (badge) this.paintBadge(visible, edRect, viewportWidth, open, state);
  }

  /** Where page layers were found over this box by the last paint outside a keystroke. */
  private covers: DOMRect[] = [];
  /** Hit tests one paint may spend on its underlines; past that, only the known covers hide them. */
  private static readonly HIT_TESTS = 32;

  /**
   * Whether an underline at `r` would be seen. The overlay is above every layer of the page, so an
   * underline under the site's fixed top bar, a chat bar, a modal over the feed or a mention list
   * opened over the editor would otherwise show through it. With `probe` (a paint outside a
   * keystroke: the box does not move as the user types in it), each underline's centre is hit
   * tested and the layers found are kept; the keystroke's own paint only compares with those.
   */
  private uncoveredTest(probe: boolean): (r: DOMRect) => boolean {
    const covers = probe ? (this.covers = []) : this.covers;
    if (!probe) return (r) => !covers.some((c) => inside(c, r));
    const root = document.documentElement;
    const width = root.clientWidth;
    const height = root.clientHeight;
    let tests = Box.HIT_TESTS;
    return (r) => {
      if (covers.some((c) => inside(c, r))) return false;
      const x = (r.left + r.right) / 2;
      const y = (r.top + r.bottom) / 2;
      if (tests <= 0 || x < 0 || y < 0 || x >= width || y >= height) return true;
      tests--;
      const cover = this.coverAt(x, y);
      if (cover) covers.push(cover);
      return !cover;
    };
  }

  /**
   * The page layer on top at (x, y), over this box's place, as its rect; null when the box shows
   * there. A layer covers where it paints (a background, an image, a canvas), or when it is fixed
   * or sticky (a top bar, a chat bar, a modal: made to cover what scrolls under them). An invisible
   * element laid over the editor (a drop zone, a mention layer) is not a cover. Our own layers and
   * the box's ancestors and descendants never cover it. `byPaint` false: only a fixed or sticky
   * layer counts (the badge, drawn below the box over the composer's own toolbar, which paints).
   */
  private coverAt(x: number, y: number, byPaint = true): DOMRect | null {
    const e = document.elementFromPoint(x, y);
    if (!e || e.localName === 'bedside-overlay' || this.el.contains(e)) return null;
    let fixed = false;
    for (let n: Element | null = e; n && !n.contains(this.el); n = n.parentElement) {
      const style = getComputedStyle(n);
      if (byPaint && paints(n, style)) return n.getBoundingClientRect();
      fixed ||= style.position === 'fixed' || style.position === 'sticky';
    }
    return fixed ? e.getBoundingClientRect() : null;
  }

  /** DOM writes of the last `paint(…, deferWrites)`, in order; applied by `flushWrites`. */
  private writes: Array<() => void> = [];
  get hasWrites(): boolean { return this.writes.length > 0; }
  flushWrites(): void {
    if (!this.writes.length) return;
    const w = this.writes;
    this.writes = [];
    for (const fn of w) fn();
  }

  /**
   * The badge for what `paint` last drew. The keystroke's own paint leaves it for a task after the
   * frame (index.ts): the underline must be in the character's frame, a changed count need not, and
   * the badge's measuring (the viewport's width) and rebuilt children stay out of the keystroke.
   */
  paintBadgeLater(state: 'on' | 'off' | { error: string }): void {
    const edRect = this.el.getBoundingClientRect();
    const visible = this.visible && this.el.isConnected && edRect.width > 0 && edRect.height > 0;
    this.paintBadge(visible, edRect, document.documentElement.clientWidth, this.drawn.map((d) => d.finding), state);
  }

  private visible = false;

  /**
   * Spare underline elements: in the layer, laid out, hidden (`.u0`) and without `data-b`, so
   * nothing counts them as underlines. Made while the page is idle (`prepareDraw`), so that a
   * keystroke's new underline costs a few attribute and style writes on an element that already
   * has its layout object, instead of creating and inserting one (which also made the page's own
   * next layout read rebuild the layout tree inside the keystroke). A removed underline goes back
   * here the same way.
   */
  private spare: HTMLElement[] = [];
  private static readonly SPARE = 4;

  /** A new spare underline; appended now, or by `writes` when given (a deferred paint). */
  private makeSpare(writes?: Array<() => void>): HTMLElement {
    const u = this.overlay.el('div', 'u0');
    u.setAttribute('data-box', String(this.id));
    if (writes) writes.push(() => this.overlay.layer.append(u));
    else this.overlay.layer.append(u);
    return u;
  }

  private retire(u: HTMLElement): void {
    if (this.spare.length >= 2 * Box.SPARE) { this.writes.push(() => u.remove()); return; }
    this.writes.push(() => {
      u.className = 'u0';
      u.removeAttribute('data-b');
      u.removeAttribute('data-cat');
      u.removeAttribute('data-rule');
      u.style.cssText = '';
    });
    this.spare.push(u);
  }

  /** While idle: keeps a few spare underlines ready for the next keystroke. */
  prepareDraw(): void {
    while (this.spare.length < Box.SPARE) this.spare.push(this.makeSpare());
  }

  /**
   * A box on the same editor whose underlines, spares and badge live in an element that is never
   * attached to the document: `warmDraw` runs the keystroke's drawing code on it.
   */
  private twin: Box | null = null;
  private warmedAt = -Infinity;
  private static readonly WARM_EVERY_MS = 3000;

  /**
   * While idle: runs the code that draws a keystroke's new underline (measure a span, take a spare,
   * queue and apply the writes, then retire it), on `twin`, so nothing on screen or in the
   * document changes. A page's first underline otherwise ran code V8 had never compiled, inside
   * the keystroke (~1 ms of lazy compilation in traces, BENCHMARKS.md "In-page, session 6").
   * `span` is a piece of the current text, e.g. the characters before the caret.
   */
  warmDraw(settings: PageSettings, span: [number, number]): void {
    // Each run costs ~0.4-1.2 ms of idle time even when warm; once every few seconds is enough to
    // keep V8 from dropping the bytecode (it flushes functions left unused over several GCs).
    const now = performance.now();
    if (now - this.warmedAt < Box.WARM_EVERY_MS) return;
    this.warmedAt = now;
    const category = CATEGORIES.find((c) => settings.categories[c] !== false);
    if (!category || span[1] <= span[0] || span[1] > this.text.length) return;
    const twin = (this.twin ??= new Box(-1, this.adapter, this.kind, this.enterSends, {
      layer: document.createElement('div'),
      el: (tag, cls, kind) => this.overlay.el(tag, cls, kind),
    }));
    twin.prepareDraw();
    twin.text = this.text;
    twin.findings = [{ rule: 'warm', category, severity: 'critical', kind: 'claim', start: span[0], end: span[1], message: '', why: '' }];
    twin.paint(settings, new Set(), 'on', false, true);
    twin.flushWrites();
    twin.findings = [];
    twin.paint(settings, new Set(), 'on', false, true);
    twin.flushWrites();
  }

  private badgeContent = '';
  private badgePlace = '';
  private underlineKeys: string[] = [];

  private paintBadge(visible: boolean, edRect: DOMRect, viewportWidth: number, open: PageFinding[], state: 'on' | 'off' | { error: string }): void {
    const b = this.badge;
    // Under the site's top bar or a modal, as the box is: not drawn over them.
    if (!visible || this.coverAt(edRect.right - 8, edRect.bottom + 10, false)) {
      if (this.badgePlace !== 'none') b.style.display = 'none';
      this.badgePlace = 'none';
      return;
    }
    const counts = new Map<Category, number>();
    for (const f of open) counts.set(f.category, (counts.get(f.category) ?? 0) + 1);
    const content = state === 'off' ? `off:${t('page_badge_off')}`
      : typeof state === 'object' ? `error:${t('page_badge_error')}`
      : `on:${t('page_badge_clean')}:${CATEGORIES.map((c) => `${counts.get(c) ?? 0}${t(`page_cat_${c}`)}`).join(',')}`;
    if (content !== this.badgeContent) {
      this.badgeContent = content;
      b.replaceChildren();
      b.removeAttribute('title');
      b.className = 'badge';
      if (state === 'off') {
        b.classList.add('off');
        b.textContent = t('page_badge_off');
        b.setAttribute('data-state', 'off');
      } else if (typeof state === 'object') {
        b.classList.add('error');
        b.textContent = t('page_badge_error');
        b.setAttribute('data-state', 'error');
      } else {
        if (counts.size === 0) {
          b.textContent = '✓';
          b.title = t('page_badge_clean');
        }
        for (const c of CATEGORIES) {
          const k = counts.get(c);
          if (!k) continue;
          const item = document.createElement('span');
          item.setAttribute('data-cat', c);
          const dot = document.createElement('span');
          dot.className = 'dot';
          dot.style.setProperty('--c', COLOURS[c]);
          item.append(dot, `${k}`);
          item.title = t(`page_cat_${c}`);
          b.append(item);
        }
        b.setAttribute('data-state', counts.size ? 'findings' : 'clean');
        b.setAttribute('data-count', String(open.length));
      }
    }
    // Right-aligned with the box through `right`, so the badge's own width needs no measuring.
    const place = `${Math.max(0, viewportWidth - edRect.right)},${edRect.bottom + 2}`;
    if (place !== this.badgePlace) {
      this.badgePlace = place;
      b.style.cssText = `display:flex;left:auto;right:${Math.max(0, viewportWidth - edRect.right)}px;top:${edRect.bottom + 2}px`;
    }
  }

  hit(x: number, y: number): PageFinding | null {
    for (const d of this.drawn) {
      for (const r of d.rects) if (x >= r.left && x <= r.right && y >= r.top - 1 && y <= r.bottom + 2) return d.finding;
    }
    return null;
  }

  /** Resolves when the verdict is for the current text (or after `ms`). */
  fresh(ms: number): Promise<void> {
    if (!this.stale) return Promise.resolve();
    return new Promise((res) => {
      this.waiters.push(res);
      setTimeout(res, ms);
    });
  }

  dispose(): void {
    clearTimeout(this.prepareTimer);
    clearTimeout(this.sendTimer);
    this.writes = [];
    for (const u of this.underlines) u.remove();
    for (const u of this.spare) u.remove();
    this.underlines = [];
    this.spare = [];
    this.underlineKeys = [];
    this.badge.remove();
    this.twin = null;
    this.adapter.dispose();
  }
}

/** Is the centre of `r` within `c`? */
function inside(c: DOMRect, r: DOMRect): boolean {
  const x = (r.left + r.right) / 2;
  const y = (r.top + r.bottom) / 2;
  return x >= c.left && x < c.right && y >= c.top && y < c.bottom;
}

const REPLACED = new Set(['img', 'video', 'canvas', 'svg', 'iframe', 'embed', 'object']);
/** Does `n` itself paint over what is under it: an opaque or tinted background, or replaced content? */
function paints(n: Element, style: CSSStyleDeclaration): boolean {
  if (style.opacity === '0') return false;
  if (REPLACED.has(n.localName) || style.backgroundImage !== 'none') return true;
  // Computed colours are rgb()/rgba() or, for newer colour spaces, color()/oklch() with "/ alpha".
  const bg = style.backgroundColor;
  return bg !== 'transparent' && !/[,/]\s*0\)$/.test(bg);
}
