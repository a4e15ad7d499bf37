// The textarea's text laid out again where Bedside can measure it: one block per hard line.
//
// Why per line: a textarea's value is one paragraph to Blink's layout only up to its line breaks,
// but a mirror holding it in one text node is laid out (and, after replaceData, reshaped) whole on
// every edit. After a 1 MB paste that was ~115 ms of layout and ~20 ms of replaceData per
// keystroke on the page's thread (CPU profile, tests/e2e/bench-bigpaste.mjs). With a block per
// line, an edit dirties its own line only; Blink reuses the other lines' cached layout, so a
// keystroke costs the layout of the line it is in.
import { diff } from './textmodel';

/** Each line's text node holds the line and this, so an empty line still has a line box. */
const END = '\u200b';

export class LineMirror {
  /** The container: styled like the textarea by its owner. */
  readonly el: HTMLDivElement;
  /** One text node per hard line of `value`, each in its own block, in order. */
  private lines: Text[] = [];
  /** Offset in `value` of each line's first character. */
  private starts: number[] = [];
  private value = '';
  private range = document.createRange();

  constructor() {
    this.el = document.createElement('div');
    this.el.setAttribute('aria-hidden', 'true');
    // Out of the flow until its owner styles it: an empty line still has a line's height, and a
    // mirror not yet styled pushed its siblings (the other boxes' mirrors) down by it.
    this.el.style.cssText = 'position:fixed;visibility:hidden;contain:strict;width:0;height:0;overflow:hidden';
    this.insertLines(0, ['']);
  }

  /** Brings the mirror to `value`, touching only the lines the edit is in. */
  update(value: string): void {
    const d = diff(this.value, value);
    if (!d) return;
    const first = this.lineAt(d.from);
    const last = this.lineAt(d.toOld);
    const delta = d.toNew - d.toOld;
    const from = this.starts[first];
    const inserted = value.slice(d.from, d.toNew);
    let changed = 1;
    if (first === last && !inserted.includes('\n')) {
      // Typing within a line (the usual edit): the diff already says what changed in it.
      this.lines[first].replaceData(d.from - from, d.toOld - d.from, inserted);
    } else {
      // Old lines first..last become the new text between the same line boundaries.
      const oldEnd = this.starts[last] + this.lines[last].length - END.length;
      const fresh = value.slice(from, oldEnd + delta).split('\n');
      const kept = Math.min(fresh.length, last - first + 1);
      for (let i = 0; i < kept; i++) setData(this.lines[first + i], fresh[i] + END);
      if (fresh.length > kept) this.insertLines(first + kept, fresh.slice(kept));
      else this.removeLines(first + kept, last - first + 1 - kept);
      changed = fresh.length;
    }
    let at = from;
    for (let i = first; i < first + changed; i++) {
      this.starts[i] = at;
      at += this.lines[i].length - END.length + 1;
    }
    for (let i = first + changed; i < this.starts.length; i++) this.starts[i] += delta;
    this.value = value;
  }

  /** Client rects of [start, end) of the value, one line's piece at a time. */
  rects(start: number, end: number): DOMRect[] {
    if (end > this.value.length || start >= end) return [];
    const out: DOMRect[] = [];
    const range = this.range;
    for (let i = this.lineAt(start); i < this.lines.length && this.starts[i] < end; i++) {
      const length = this.lines[i].length - END.length;
      const a = Math.max(start, this.starts[i]) - this.starts[i];
      const b = Math.min(end, this.starts[i] + length) - this.starts[i];
      if (b <= a) continue;
      // A range inside one text node: a range across blocks would also return the boxes of the
      // blocks it wholly contains.
      range.setStart(this.lines[i], a);
      range.setEnd(this.lines[i], b);
      for (const q of range.getClientRects()) out.push(q);
    }
    return out;
  }

  /** Index of the line that holds offset `at` (a line's end, before its "\n", is in that line). */
  private lineAt(at: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private insertLines(index: number, texts: string[]): void {
    const before = this.lines[index]?.parentNode ?? null;
    const made: Text[] = [];
    const blocks = document.createDocumentFragment();
    for (const t of texts) {
      const block = document.createElement('div');
      block.style.textIndent = '0';
      const node = document.createTextNode(t + END);
      block.append(node);
      blocks.append(block);
      made.push(node);
    }
    this.el.insertBefore(blocks, before);
    this.lines.splice(index, 0, ...made);
    this.starts.splice(index, 0, ...made.map(() => 0));
    this.indentFirstOnly();
  }

  private removeLines(index: number, count: number): void {
    if (count <= 0) return;
    for (const node of this.lines.splice(index, count)) (node.parentNode as Element).remove();
    this.starts.splice(index, count);
    this.indentFirstOnly();
  }

  /**
   * text-indent applies to a textarea's first line only, not to each of the mirror's blocks: every
   * block is made with none, and the first one inherits the container's.
   */
  private indentFirstOnly(): void {
    (this.lines[0].parentNode as HTMLElement).style.textIndent = '';
    if (this.lines[1]) (this.lines[1].parentNode as HTMLElement).style.textIndent = '0';
  }
}

/**
 * Replaces only the part of a line that changed: Blink then reshapes the edit, not the whole line.
 */
function setData(node: Text, data: string): void {
  const d = diff(node.data, data);
  if (d) node.replaceData(d.from, d.toOld - d.from, data.slice(d.from, d.toNew));
}
