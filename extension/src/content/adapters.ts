// Per-framework adapters. Each reads the box's text, maps offsets to screen rectangles, and applies
// a fix through the editor's own input path (select, then execCommand('insertText'), which fires
// beforeinput/input as typing does), so Draft.js, Lexical and Quill keep their state and undo works.
// Nothing here writes to the editor's DOM directly.
import { LineMirror } from './mirror';
import { readContentEditable, rangeFor, type TextMap } from './textmodel';

export type Framework = 'draftjs' | 'lexical' | 'quill' | 'textarea' | 'generic';

export interface Adapter {
  framework: Framework;
  el: HTMLElement;
  /** Current plain text (cheap tree walk). */
  read(): string;
  /** Client rects of [start, end) in the text last read. */
  rects(start: number, end: number): DOMRect[];
  /**
   * Client rects of several spans, measured together (one layout). `quick`: in a keystroke, with
   * what was read of the box's style while idle (`verify` checks it after the frame).
   */
  rectsMany(spans: Array<[number, number]>, quick?: boolean): DOMRect[][];
  /** Replaces [start, end) with `text` as a user edit; false if the text no longer matches. */
  replace(start: number, end: number, expected: string, text: string): boolean;
  /** The selection as [start, end) offsets in the text last read, or null (no caret in the box). */
  caret(): [number, number] | null;
  /**
   * Brings what rects() measures up to date with the text last read, off the keystroke's path (the
   * worker's next-keystroke verdicts are prepared at the same moment).
   */
  prepare(): void;
  /**
   * After a frame drawn with `rectsMany(…, true)`: reads again what `quick` took from memory; true
   * if it had changed (the box must be drawn again).
   */
  verify(): boolean;
  /** Selects [start, end) so the user can see it (Review). */
  select(start: number, end: number): void;
  dispose(): void;
}

class ContentEditableAdapter implements Adapter {
  private map: TextMap = { text: '', segments: [] };
  constructor(public framework: Framework, public el: HTMLElement) {}
  read(): string {
    this.map = readContentEditable(this.el);
    return this.map.text;
  }
  rects(start: number, end: number): DOMRect[] {
    const r = rangeFor(this.map, start, end);
    return r ? [...r.getClientRects()].filter((q) => q.width > 0.5 || q.height > 0.5) : [];
  }
  rectsMany(spans: Array<[number, number]>): DOMRect[][] {
    return spans.map(([a, b]) => this.rects(a, b));
  }
  caret(): [number, number] | null {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount !== 1) return null;
    const r = sel.getRangeAt(0);
    const a = this.offsetOf(r.startContainer, r.startOffset);
    const b = r.collapsed ? a : this.offsetOf(r.endContainer, r.endOffset);
    return a === null || b === null || b < a ? null : [a, b];
  }
  /** Offset in the text of a position inside one of the text nodes last read. */
  private offsetOf(node: Node, offset: number): number | null {
    if (node.nodeType !== 3) return null;
    for (const s of this.map.segments) if (s.node === node) return offset <= s.node.data.length ? s.start + offset : null;
    return null;
  }
  select(start: number, end: number): boolean {
    if (this.read().length < end) return false;
    const r = rangeFor(this.map, start, end);
    if (!r) return false;
    this.el.focus({ preventScroll: true });
    const sel = window.getSelection();
    if (!sel) return false;
    sel.removeAllRanges();
    sel.addRange(r);
    // Editors sync their model selection on selectionchange; give them the event now.
    document.dispatchEvent(new Event('selectionchange'));
    return true;
  }
  replace(start: number, end: number, expected: string, text: string): boolean {
    if (this.read().slice(start, end) !== expected) return false;
    if (!this.select(start, end)) return false;
    return document.execCommand('insertText', false, text);
  }
  prepare(): void {}
  verify(): boolean { return false; }
  dispose(): void {}
}

/** The textarea's computed style properties that the mirror copies. */
const MIRRORED = ['font', 'letter-spacing', 'word-spacing', 'line-height', 'text-transform', 'text-indent', 'tab-size', 'direction',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width', 'border-style'];

/** Textarea: offsets are the value's; rectangles come from a mirror element styled like the box. */
class TextareaAdapter implements Adapter {
  framework: Framework = 'textarea';
  private mirror = new LineMirror();
  private text = '';
  constructor(public el: HTMLTextAreaElement, mirrorHost: ShadowRoot) {
    mirrorHost.append(this.mirror.el);
  }
  read(): string {
    this.text = this.el.value;
    return this.text;
  }
  private mirrorStyle = '';
  /** The textarea's computed style as the mirror copies it, and its side borders' width. */
  private boxStyle = '';
  private borders = 0;
  private readStyle(): void {
    const cs = getComputedStyle(this.el);
    let css = '';
    for (const p of MIRRORED) css += `${p}:${cs.getPropertyValue(p)};`;
    this.boxStyle = css;
    this.borders = parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
  }
  /**
   * Styles the mirror like the textarea (reads first, then writes, only what changed). `quick`
   * (in a keystroke): the computed style read while idle, not read again; `verify` does after the
   * frame. The mirror is `contain: strict` (its size is set), so its layout stays its own.
   */
  private layout(quick = false): { box: DOMRect; dx: number; dy: number } {
    if (!quick || !this.boxStyle) this.readStyle();
    const box = this.el.getBoundingClientRect();
    // The textarea's content width excludes its scrollbar.
    const scrollbar = this.el.offsetWidth - this.el.clientWidth - this.borders;
    const dx = -this.el.scrollLeft;
    const dy = -this.el.scrollTop;
    let css = 'position:fixed;visibility:hidden;pointer-events:none;overflow:hidden;contain:strict;white-space:pre-wrap;overflow-wrap:break-word;border-color:transparent;';
    // The size below is the textarea's border box, whatever its own box-sizing: a content-box
    // textarea's mirror was wider by its padding and borders and wrapped lines later than the box.
    css += `${this.boxStyle}box-sizing:border-box;`;
    css += `left:${box.left}px;top:${box.top}px;width:${box.width - Math.max(0, scrollbar)}px;height:${box.height}px`;
    if (css !== this.mirrorStyle) {
      this.mirrorStyle = css;
      this.mirror.el.style.cssText = css;
    }
    // Only the edit goes into the mirror (not the whole text again): Blink then reshapes and
    // relays out the changed line only (see LineMirror).
    this.mirror.update(this.text);
    return { box, dx, dy };
  }
  rects(start: number, end: number): DOMRect[] {
    return this.rectsMany([[start, end]])[0];
  }
  verify(): boolean {
    if (!this.boxStyle || !this.el.isConnected) return false;
    const [style, borders] = [this.boxStyle, this.borders];
    this.readStyle();
    return style !== this.boxStyle || borders !== this.borders;
  }
  /**
   * Styles the mirror, gives it the current text and lays it out (by measuring it), so that the
   * next keystroke's underline costs the layout of one edit, not of the whole text: the first
   * finding in a box used to lay out the whole mirror inside the keystroke (~1-2 ms).
   */
  prepare(): void {
    if (!this.el.isConnected) return;
    this.layout();
    void this.mirror.el.offsetHeight;
  }
  rectsMany(spans: Array<[number, number]>, quick = false): DOMRect[][] {
    const { box, dx, dy } = this.layout(quick);
    return spans.map(([start, end]) => this.mirror.rects(start, end)
      .map((q) => new DOMRect(q.x + dx, q.y + dy, q.width, q.height))
      .filter((q) => q.width > 0.5 && q.bottom > box.top && q.top < box.bottom));
  }
  caret(): [number, number] | null {
    if (this.el.value !== this.text) return null;
    const a = this.el.selectionStart;
    const b = this.el.selectionEnd;
    return a === null || b === null || b < a ? null : [a, b];
  }
  select(start: number, end: number): void {
    this.el.focus({ preventScroll: true });
    this.el.setSelectionRange(start, end);
  }
  replace(start: number, end: number, expected: string, text: string): boolean {
    if (this.el.value.slice(start, end) !== expected) return false;
    this.select(start, end);
    return document.execCommand('insertText', false, text);
  }
  dispose(): void {
    this.mirror.el.remove();
  }
}

export function makeAdapter(framework: Framework, el: HTMLElement, mirrorHost: ShadowRoot): Adapter {
  if (el instanceof HTMLTextAreaElement) return new TextareaAdapter(el, mirrorHost);
  // Draft.js, Lexical and Quill all render their model as blocks of text spans; their differences
  // (Draft's data-text spans, Lexical's <br> line breaks, Quill's <p> blocks) are handled by the
  // one block-aware reader, and each keeps its model in step from the input events it receives.
  return new ContentEditableAdapter(framework === 'textarea' ? 'generic' : framework, el);
}
