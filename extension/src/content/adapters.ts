// Per-framework adapters. Each reads the box's text, maps offsets to screen rectangles, and applies
// a fix through the editor's own input path (select, then execCommand('insertText'), which fires
// beforeinput/input as typing does), so Draft.js, Lexical and Quill keep their state and undo works.
// Nothing here writes to the editor's DOM directly.
import { readContentEditable, rangeFor, type TextMap } from './textmodel';

export type Framework = 'draftjs' | 'lexical' | 'quill' | 'textarea' | 'generic';

export interface Adapter {
  framework: Framework;
  el: HTMLElement;
  /** Current plain text (cheap tree walk). */
  read(): string;
  /** Client rects of [start, end) in the text last read. */
  rects(start: number, end: number): DOMRect[];
  /** Replaces [start, end) with `text` as a user edit; false if the text no longer matches. */
  replace(start: number, end: number, expected: string, text: string): boolean;
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
  dispose(): void {}
}

/** Textarea: offsets are the value's; rectangles come from a mirror element styled like the box. */
class TextareaAdapter implements Adapter {
  framework: Framework = 'textarea';
  private mirror: HTMLDivElement;
  private mirrorText: Text;
  private text = '';
  constructor(public el: HTMLTextAreaElement, mirrorHost: ShadowRoot) {
    this.mirror = document.createElement('div');
    this.mirror.setAttribute('aria-hidden', 'true');
    this.mirrorText = document.createTextNode('');
    this.mirror.append(this.mirrorText);
    mirrorHost.append(this.mirror);
  }
  read(): string {
    this.text = this.el.value;
    return this.text;
  }
  private layout(): void {
    const cs = getComputedStyle(this.el);
    const r = this.el.getBoundingClientRect();
    const m = this.mirror.style;
    m.position = 'fixed';
    m.visibility = 'hidden';
    m.pointerEvents = 'none';
    m.overflow = 'hidden';
    m.whiteSpace = 'pre-wrap';
    m.overflowWrap = 'break-word';
    m.boxSizing = cs.boxSizing;
    for (const p of ['font', 'letterSpacing', 'wordSpacing', 'lineHeight', 'textTransform', 'textIndent', 'tabSize', 'direction',
      'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle'] as const) {
      (m as any)[p] = (cs as any)[p];
    }
    m.borderColor = 'transparent';
    m.left = `${r.left}px`;
    m.top = `${r.top}px`;
    // The textarea's content width excludes its scrollbar.
    const scrollbar = this.el.offsetWidth - this.el.clientWidth - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth);
    m.width = `${r.width - Math.max(0, scrollbar)}px`;
    m.height = `${r.height}px`;
    if (this.mirrorText.data !== this.text) this.mirrorText.data = this.text + '\u200b';
  }
  rects(start: number, end: number): DOMRect[] {
    this.layout();
    if (end > this.text.length) return [];
    const range = document.createRange();
    range.setStart(this.mirrorText, start);
    range.setEnd(this.mirrorText, end);
    const dx = -this.el.scrollLeft;
    const dy = -this.el.scrollTop;
    const box = this.el.getBoundingClientRect();
    return [...range.getClientRects()]
      .map((q) => new DOMRect(q.x + dx, q.y + dy, q.width, q.height))
      .filter((q) => q.width > 0.5 && q.bottom > box.top && q.top < box.bottom);
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
    this.mirror.remove();
  }
}

export function makeAdapter(framework: Framework, el: HTMLElement, mirrorHost: ShadowRoot): Adapter {
  if (el instanceof HTMLTextAreaElement) return new TextareaAdapter(el, mirrorHost);
  // Draft.js, Lexical and Quill all render their model as blocks of text spans; their differences
  // (Draft's data-text spans, Lexical's <br> line breaks, Quill's <p> blocks) are handled by the
  // one block-aware reader, and each keeps its model in step from the input events it receives.
  return new ContentEditableAdapter(framework === 'textarea' ? 'generic' : framework, el);
}
