// The boundary guard: stops Follow / Add friend / Connect / Confirm / Accept when the person is on
// the user's client list, and explains why; off while Bedside is paused or the site is turned off.
// Registered at document_start as a capture-phase click listener on window, so it decides before
// the site's own (React) handlers see the click. The decision is synchronous: the salted hashes
// are already in memory, and candidates (profile link, handle, name on the card) are hashed here
// with the same canonicalisation as the checker (settings/canon.ts, drift-tested against
// crate/src/clients.rs). Non-clients pass untouched.
import type { EffectiveSettings, Lang, Site } from '../shared/settings-types';
import { createI18n } from '../shared/i18n';
import { GUARD } from '../shared/guard-strings';
import { canonicalForms, guardForm, hashForm } from '../settings/canon';
import { handleFromUrl } from '../settings/clients';
import { CLIENTS_KEY, NO_POLICY, mergeLocal, onSettingsChanged, readLocal, readManaged } from '../settings/index';
import { sendAudit } from '../settings/audit';
import { showProfileNotice } from './profile-notice';
import xSite from './sites/x.json';
import facebookSite from './sites/facebook.json';
import instagramSite from './sites/instagram.json';
import linkedinSite from './sites/linkedin.json';

interface GuardSelectors { follow?: string[]; card?: string[]; profileName?: string[] }
const SITE_FILES: Record<string, { site: Site } & GuardSelectors> = {
  'x.com': xSite as any, 'twitter.com': xSite as any, 'www.facebook.com': facebookSite as any,
  'www.instagram.com': instagramSite as any, 'www.linkedin.com': linkedinSite as any,
};

/** Button labels that mean follow / befriend / connect / accept, in the six languages. */
const ACTION_WORDS = [
  'follow', 'follow back', 'add friend', 'connect', 'confirm', 'accept',
  'följ', 'följ tillbaka', 'lägg till vän', 'skapa kontakt', 'bekräfta', 'acceptera', 'godkänn',
  'obserwuj', 'dodaj do znajomych', 'nawiąż kontakt', 'połącz', 'potwierdź', 'akceptuj',
  "s'abonner", 'suivre', 'ajouter', 'ajouter en ami', 'se connecter', 'confirmer', 'accepter',
  'følg', 'tilføj ven', 'tilføj som ven', 'opret forbindelse', 'bekræft', 'acceptér', 'accepter',
  'takip et', 'arkadaş ekle', 'bağlantı kur', 'onayla', 'kabul et',
];
const ACTION_RE = new RegExp(`^(${ACTION_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`, 'i');

const i18n = createI18n(GUARD);
const state = {
  site: null as Site | null,
  salt: '',
  hashes: new Set<string>(),
  enabled: false,
  mayOverride: true,
  lang: 'en' as Lang,
};
let bypass = false;

function clientHash(candidate: string): string | null {
  const form = candidate.startsWith('@') ? canonicalForms(candidate)[0] : guardForm(candidate);
  return form ? hashForm(state.salt, form) : null;
}

/** Whether any candidate (handle or name) is on the client list. */
export function isClient(candidates: string[]): boolean {
  if (!state.hashes.size) return false;
  return candidates.some((c) => {
    const h = clientHash(c);
    return h !== null && state.hashes.has(h);
  });
}

function actionButton(target: EventTarget | null, sel: GuardSelectors): HTMLElement | null {
  if (!(target instanceof Element)) return null;
  if (sel.follow?.length) {
    const hit = target.closest<HTMLElement>(sel.follow.join(', '));
    if (hit) return hit;
  }
  const btn = target.closest<HTMLElement>('button, [role="button"], a[role="link"][aria-label]');
  if (!btn) return null;
  const label = (btn.getAttribute('aria-label') || btn.textContent || '').trim().replace(/\s+/g, ' ');
  if (ACTION_RE.test(label)) return btn;
  // "Follow @anna_l", "Invite Anna Lindqvist to connect", "Add Anna Lindqvist as a friend"
  if (/^(follow|följ|obserwuj|suivre|følg|takip et)\s|\bto connect\b|\bas a friend\b|^(connect|add friend)\b/i.test(label)) return btn;
  return null;
}

/** Handles and names that say whom the button acts on. */
export function candidatesFor(btn: HTMLElement, sel: GuardSelectors): string[] {
  const out: string[] = [];
  const label = btn.getAttribute('aria-label') || '';
  for (const m of label.matchAll(/@([\p{L}\p{N}_.]{2,})/gu)) out.push(`@${m[1]}`);
  const named = /^(?:follow|följ|obserwuj|suivre|følg)\s+(.+)$|^invite\s+(.+?)\s+to connect$|^add\s+(.+?)\s+as a friend$|^(.+?)\s+(?:takip et)$/i.exec(label.trim());
  const n = named && (named[1] || named[2] || named[3] || named[4]);
  if (n && !n.startsWith('@')) out.push(n);
  // The card: the nearest ancestor that holds a profile link (or a site-declared card).
  let card: Element | null = sel.card?.length ? btn.closest(sel.card.join(', ')) : null;
  for (let el: Element | null = btn.parentElement, depth = 0; !card && el && depth < 8; el = el.parentElement, depth++) {
    if (el.querySelector('a[href]')) card = el;
  }
  if (card) {
    for (const a of card.querySelectorAll<HTMLAnchorElement>('a[href]')) {
      const h = handleFromUrl(a.href);
      if (!h) continue;
      out.push(h);
      const text = (a.textContent || '').trim();
      if (text && text.length <= 80) out.push(text);
    }
  } else {
    // A profile page's own button: the page's handle and its heading.
    const h = handleFromUrl(location.href);
    if (h) out.push(h);
    const heading = document.querySelector((sel.profileName ?? []).concat('h1, h2').join(', '));
    const text = heading?.textContent?.trim();
    if (text && text.length <= 80) out.push(text);
  }
  return [...new Set(out)];
}

function showDialog(onContinue: () => void): void {
  const t = i18n.t;
  const host = document.createElement('bedside-overlay');
  host.style.cssText = 'all: initial; position: fixed; inset: 0; z-index: 2147483647;';
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = `<style>
    .bg{position:fixed;inset:0;background:rgba(20,30,40,.45);display:flex;align-items:center;justify-content:center;font:14px/1.45 system-ui,sans-serif}
    .d{background:#fff;color:#1d2733;max-width:440px;border-radius:10px;padding:18px 20px;box-shadow:0 10px 40px rgba(0,0,0,.3)}
    h2{font-size:16px;margin:0 0 8px}.src{color:#5f6b77;font-size:12px}.b{display:flex;gap:8px;justify-content:flex-end;margin-top:14px}
    button{font:inherit;padding:6px 14px;border-radius:6px;border:1px solid #8aa0b5;background:#f5f8fb;cursor:pointer}
    button.p{background:#1d4f7a;color:#fff;border-color:#1d4f7a}.blk{color:#a22}</style>`;
  const bg = document.createElement('div');
  bg.className = 'bg';
  const d = document.createElement('div');
  d.className = 'd';
  d.setAttribute('role', 'alertdialog');
  d.setAttribute('aria-modal', 'true');
  d.dataset.b = 'guard';
  const el = (tag: string, text: string, cls?: string) => {
    const e = document.createElement(tag);
    e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  d.append(el('h2', t('guard_title')), el('p', t('guard_body')), el('p', t('guard_why')), el('p', t('guard_source'), 'src'));
  const buttons = document.createElement('div');
  buttons.className = 'b';
  const close = () => {
    host.remove();
    window.removeEventListener('keydown', onKey, true);
  };
  const cancel = el('button', t('guard_cancel'), 'p') as HTMLButtonElement;
  cancel.dataset.b = 'guard-button';
  cancel.dataset.action = 'cancel';
  cancel.addEventListener('click', () => {
    close();
    if (state.site) sendAudit('guard_cancelled', state.site, 'boundaries');
  });
  if (state.mayOverride) {
    const cont = el('button', t('guard_continue')) as HTMLButtonElement;
    cont.dataset.b = 'guard-button';
    cont.dataset.action = 'continue';
    cont.addEventListener('click', () => {
      close();
      if (state.site) sendAudit('guard_continued', state.site, 'boundaries');
      onContinue();
    });
    buttons.append(cont);
  } else {
    d.append(el('p', t('guard_blocked'), 'blk'));
  }
  buttons.append(cancel);
  d.append(buttons);
  bg.append(d);
  root.append(bg);
  const onKey = (ev: KeyboardEvent) => {
    if (ev.key === 'Escape') {
      ev.stopPropagation();
      close();
    }
  };
  window.addEventListener('keydown', onKey, true);
  document.documentElement.append(host);
  cancel.focus();
}

function onClick(ev: MouseEvent): void {
  if (bypass || !state.enabled || !state.hashes.size || !ev.isTrusted) return;
  const sel = SITE_FILES[location.hostname] ?? {};
  const btn = actionButton(ev.target, sel);
  if (!btn || !isClient(candidatesFor(btn, sel))) return;
  ev.preventDefault();
  ev.stopImmediatePropagation();
  if (state.site) sendAudit('guard_shown', state.site, 'boundaries');
  showDialog(() => {
    // Replay the site's own action, untouched.
    bypass = true;
    try {
      btn.click();
    } finally {
      bypass = false;
    }
  });
}

let refreshes = 0;
/**
 * Arms the guard from the user's own settings at once, then again with the policy merged in:
 * chrome.storage.managed answers only after seconds in a browser's first seconds (measured 2.6 s
 * from this content script on the first page), and until then no Follow click was guarded.
 */
async function refresh(): Promise<void> {
  const mine = ++refreshes;
  try {
    const policy = readManaged();
    const local = await readLocal();
    if (mine !== refreshes) return;
    arm(mergeLocal(local, NO_POLICY).effective, local);
    const managed = await policy;
    if (mine === refreshes) arm(mergeLocal(local, managed).effective, local);
  } catch {
    /* extension reloaded: leave the page alone */
  }
}

function arm(effective: EffectiveSettings, local: Record<string, unknown>): void {
  const clients = local[CLIENTS_KEY] as { salt?: string; guardHashes?: string[] } | undefined;
  state.salt = clients?.salt ?? '';
  state.hashes = new Set(clients?.guardHashes ?? []);
  // Paused means paused everywhere, as a site turned off already turns the guard off there: the
  // popup says "Checking is paused" for all of Bedside. An organisation that wants the guard
  // always on sets allowPause: false (then `active` is locked true).
  state.enabled = effective.active && effective.clientListEnabled && (!state.site || effective.sites[state.site] !== false);
  state.mayOverride = effective.userMayOverride;
  state.lang = effective.uiLang;
  i18n.setLang(effective.uiLang);
  if (state.enabled && state.hashes.size) maybeNotice();
}

let noticedFor = '';
/** A quiet notice on a listed client's own profile page. */
function maybeNotice(): void {
  const h = handleFromUrl(location.href);
  if (!h || noticedFor === location.href) return;
  if (isClient([h])) {
    noticedFor = location.href;
    showProfileNotice(i18n);
    if (state.site) sendAudit('profile_notice', state.site, 'boundaries');
  }
}

export function installFollowGuard(): void {
  const site = SITE_FILES[location.hostname];
  if (!site || (window as any).__bedsideGuard) return;
  (window as any).__bedsideGuard = true; // content-script world only
  state.site = site.site;
  window.addEventListener('click', onClick, true);
  void refresh();
  onSettingsChanged(() => void refresh());
  // Single-page sites change profile without a page load.
  let last = location.href;
  setInterval(() => {
    if (location.href !== last) {
      last = location.href;
      if (state.enabled && state.hashes.size) maybeNotice();
    }
  }, 1000);
}

installFollowGuard();
