// Plain text of an editor and the map back to DOM positions. Reading is a single tree walk, done
// once the edit is in the DOM (a microtask after the input event or the editor's mutation: the
// keystroke's events have all been dispatched by then). Spans are remapped across edits with a
// prefix/suffix diff.

const BLOCK = new Set(['DIV', 'P', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'SECTION', 'ARTICLE']);

export interface Segment { node: Text; start: number }
export interface TextMap { text: string; segments: Segment[] }

function isLastInBlock(el: Element, root: Element): boolean {
  let n: Node = el;
  while (n !== root) {
    if (n.nextSibling) {
      // Trailing empty text nodes don't count.
      let s: Node | null = n.nextSibling;
      while (s && s.nodeType === 3 && (s as Text).data === '') s = s.nextSibling;
      if (s) return false;
    }
    const p = n.parentNode;
    if (!p || (p.nodeType === 1 && BLOCK.has((p as Element).tagName))) return true;
    n = p;
  }
  return true;
}

/** Text of a contenteditable: blocks and <br> become "\n"; a block's trailing placeholder <br> does not. */
export function readContentEditable(root: Element): TextMap {
  let text = '';
  const segments: Segment[] = [];
  let pending = false;
  const flush = () => {
    if (pending && text.length > 0) text += '\n';
    pending = false;
  };
  const walk = (node: Node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const t = c as Text;
        if (t.data.length === 0) continue;
        flush();
        segments.push({ node: t, start: text.length });
        text += t.data;
      } else if (c.nodeType === 1) {
        const el = c as Element;
        const tag = el.tagName;
        if (tag === 'BR') {
          if (isLastInBlock(el, root)) {
            if (pending && text.length > 0) { text += '\n'; pending = true; }
          } else {
            flush();
            text += '\n';
          }
          continue;
        }
        if (tag === 'STYLE' || tag === 'SCRIPT' || tag === 'TEMPLATE') continue;
        const block = BLOCK.has(tag);
        if (block) pending = true;
        walk(el);
        if (block) pending = true;
      }
    }
  };
  walk(root);
  return { text, segments };
}

function locate(map: TextMap, offset: number, preferEnd: boolean): { node: Text; offset: number } | null {
  const segs = map.segments;
  let lo = 0;
  let hi = segs.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid].start <= offset) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  for (let i = Math.max(best, 0); i < segs.length; i++) {
    const s = segs[i];
    const len = s.node.data.length;
    if (preferEnd ? offset > s.start && offset <= s.start + len : offset >= s.start && offset < s.start + len) {
      return { node: s.node, offset: offset - s.start };
    }
    if (s.start > offset) return preferEnd ? null : { node: s.node, offset: 0 };
  }
  return null;
}

/** A DOM range for [start, end) of the text, or null when the map no longer fits the DOM. */
export function rangeFor(map: TextMap, start: number, end: number): Range | null {
  const b = locate(map, end, true);
  // A caret (collapsed) sits after the character before it, so it can also be at the text's end.
  const a = start === end ? b : locate(map, start, false);
  if (!a || !b) return null;
  if (!a.node.isConnected || !b.node.isConnected) return null;
  if (a.offset > a.node.data.length || b.offset > b.node.data.length) return null;
  const r = document.createRange();
  try {
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
  } catch {
    return null;
  }
  return r;
}

/**
 * Length of the longest common prefix of `a` and `b` (at most `max`), or with `fromEnd` of the
 * longest common suffix. Found by halving with native substring comparisons rather than a
 * character loop in script: a keystroke's diff of a 3,000-character draft is a dozen native
 * compares instead of ~6,000 charCodeAt calls (which, in code that has only run a few times,
 * cost ~0.5 ms on the page's thread).
 */
function common(a: string, b: string, max: number, fromEnd: boolean): number {
  let lo = 0; // the first `lo` characters (from the chosen end) are known to be equal
  let hi = max; // and the answer is at most `hi`
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const same = fromEnd
      ? a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)
      : a.slice(lo, mid) === b.slice(lo, mid);
    if (same) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where `before` and `after` differ: [from, toOld) in before was replaced by [from, toNew) in after. */
export function diff(before: string, after: string): { from: number; toOld: number; toNew: number } | null {
  if (before === after) return null;
  const n = Math.min(before.length, after.length);
  const p = common(before, after, n, false);
  const s = common(before, after, n - p, true);
  return { from: p, toOld: before.length - s, toNew: after.length - s };
}

const WORD = /[\p{L}\p{N}_@#]/u;

/**
 * Moves spans across an edit; spans overlapping it are dropped (stale until the next result), and
 * so are spans the edit extends (a letter typed right against a flagged word).
 */
export function remap<T extends { start: number; end: number }>(spans: T[], d: { from: number; toOld: number; toNew: number }, after: string): T[] {
  const delta = d.toNew - d.toOld;
  const inserted = d.toNew > d.from;
  const out: T[] = [];
  for (const f of spans) {
    if (f.end < d.from || (f.end === d.from && !(inserted && WORD.test(after[d.from] ?? '')))) out.push(f);
    else if (f.start > d.toOld || (f.start === d.toOld && !(inserted && WORD.test(after[d.toNew - 1] ?? '')))) {
      out.push({ ...f, start: f.start + delta, end: f.end + delta });
    }
  }
  return out;
}
