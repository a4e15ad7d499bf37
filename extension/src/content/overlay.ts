// Everything Bedside draws on a page lives in one CLOSED shadow root on a host element outside the
// editors: underline boxes, badges, the card and the pre-submit dialog. Page scripts can see that
// the host exists, never what is inside it.
import type { Category } from '../shared/settings-types';

export const COLOURS: Record<Category, string> = {
  client_data: '#d93025',
  tone: '#e37400',
  advice: '#7b1fa2',
  claims: '#1a73e8',
};

// The layer covers the viewport and is `contain: strict`, so what Bedside draws is laid out and
// painted on its own: moving an underline never invalidates the page's layout. Underlines are placed
// with `transform` (no layout for a move); `.u0` is a spare underline, made while the page is idle
// and kept laid out but hidden, so that a keystroke's new underline is a style write, not a new
// element (box.ts).
const CSS = `
:host { all: initial; }
.layer { position: fixed; inset: 0; pointer-events: none; contain: strict; }
.u, .u0 { position: fixed; left: 0; top: 0; box-sizing: border-box; pointer-events: none; }
.u { border-bottom: 2px solid var(--c); background: color-mix(in srgb, var(--c) 10%, transparent); border-radius: 1px; }
.u0 { visibility: hidden; width: 0; height: 0; }
.badge { position: fixed; pointer-events: none; display: flex; gap: 6px; align-items: center; padding: 1px 7px;
  border-radius: 9px; font: 600 11px/16px system-ui, sans-serif; color: #333; background: #fff;
  border: 1px solid #ddd; box-shadow: 0 1px 2px rgba(0,0,0,.12); white-space: nowrap; }
.badge .dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: var(--c); margin-right: 3px; }
.badge.off { color: #666; font-weight: 500; }
.badge.error { color: #fff; background: #b3261e; border-color: #b3261e; }
.card, .dialog { pointer-events: auto; font: 13px/1.4 system-ui, sans-serif; color: #202124; background: #fff;
  border: 1px solid #dadce0; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.18); }
.card { position: fixed; width: 320px; padding: 10px 12px; border-top: 4px solid var(--c); }
.card .cat { font-size: 11px; font-weight: 700; text-transform: uppercase; color: var(--c); letter-spacing: .03em; }
.card .msg { font-weight: 600; margin: 4px 0; }
.card .why { color: #5f6368; margin: 4px 0; }
.card .sugg { margin: 4px 0; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
button { font: inherit; border: 1px solid #dadce0; background: #fff; color: #1a73e8; border-radius: 4px; padding: 4px 10px; cursor: pointer; }
button.primary { background: #1a73e8; border-color: #1a73e8; color: #fff; }
button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }
.backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.35); pointer-events: auto; display: flex; align-items: center; justify-content: center; }
.dialog { width: min(440px, 90vw); padding: 16px 18px; }
.dialog h2 { font-size: 16px; margin: 0 0 6px; }
.dialog ul { margin: 8px 0; padding-left: 18px; max-height: 40vh; overflow: auto; }
.dialog li { margin: 4px 0; }
.dialog .tag { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: var(--c); margin-right: 6px; }
.dialog .note { color: #b3261e; margin: 6px 0; }
`;

export class Overlay {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  readonly layer: HTMLDivElement;
  readonly mirrors: ShadowRoot;

  constructor() {
    this.host = document.createElement('bedside-overlay');
    // Above every layer of the page: the editors sit in the sites' own stacked modals and sticky
    // bars (z-index), and the host may come first in <html> (made at document_start, before
    // <body>). Inline, so the page's own styles can't lower it; it takes no room and no pointer.
    this.host.style.cssText = 'all:initial;position:fixed;left:0;top:0;width:0;height:0;z-index:2147483646;pointer-events:none';
    this.root = this.host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = CSS;
    this.layer = document.createElement('div');
    this.layer.className = 'layer';
    const mirrorHost = document.createElement('div');
    this.mirrors = mirrorHost.attachShadow({ mode: 'closed' });
    this.root.append(style, mirrorHost, this.layer);
    this.attach();
  }

  /** (Re)attaches the host if the page replaced <html>'s children. Cheap; called on mutations. */
  attach(): void {
    const parent = document.documentElement;
    if (parent && this.host.parentNode !== parent) parent.append(this.host);
  }

  el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, kind?: string): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (kind) e.setAttribute('data-b', kind);
    return e;
  }
}
