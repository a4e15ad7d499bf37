// The service worker hosts the checker: WASM may not run in content scripts on strict-CSP pages,
// but the extension's own CSP allows 'wasm-unsafe-eval'. Content scripts send drafts over a port
// (see shared/messages.ts); drafts are checked in memory and never logged or stored.
import init, { Checker } from '../../pkg/bedside.js';
import type { FromWorker, PageFinding, PageSettings, ToWorker } from './shared/messages';
import { PORT_NAME } from './shared/messages';
import type { EffectiveSettings, PolicyProblem, UserSettings } from './shared/settings-types';
import { USER_KEY, loadWithPolicy, onSettingsChanged, readManaged, saveUserSettings } from './settings/index';
import { installAuditListener, recordAudit } from './settings/audit';
import { remap } from './content/textmodel';

let checker: Checker | null = null;
let loadError: string | null = null;
let effective: EffectiveSettings | null = null;

const wasmReady: Promise<void> = init({ module_or_path: chrome.runtime.getURL('bedside_bg.wasm') }).then(
  () => undefined,
  (e: unknown) => { loadError = `checker did not load: ${String(e)}`; },
);

function build(settings: EffectiveSettings): void {
  if (loadError && loadError.startsWith('checker did not load')) return;
  effective = settings;
  try {
    const next = new Checker(settings.checker);
    checker?.free();
    checker = next;
    loadError = null;
    prepareLanguages(settings);
  } catch (e) {
    loadError = `checker did not start: ${String(e)}`;
  }
}

/**
 * Each draft language's term automaton is built on first use (~65-125 ms in WASM); build the
 * likely ones (the hint, else the UI language) in an idle moment instead of on the first keystroke.
 * The rule book is shared by every checker, so this happens once per worker start.
 */
function prepareLanguages(settings: EffectiveSettings): void {
  const langs = new Set([settings.checker.langHint ?? settings.checker.uiLang ?? 'en']);
  setTimeout(() => {
    for (const lang of langs) {
      try { checker?.prepare(String(lang)); } catch { /* the first check builds it instead */ }
    }
  }, 0);
}

/**
 * The policy as last read. chrome.storage.managed can take seconds to answer in a browser's first
 * seconds (measured ~3 s in headless Chromium 156 with no policy, and ~6 s for a read queued
 * behind that one), so nothing waits for it: the first checker is built with no policy, and each
 * checker after with the policy last read. Reading it again (at start, when it changes) rebuilds.
 */
let policy: { raw: unknown; problems: PolicyProblem[] } = { raw: {}, problems: [] };

/** (Re)builds the checker from the user's settings and client list under `policy`. */
async function rebuild(): Promise<void> {
  await wasmReady;
  try {
    build((await loadWithPolicy(policy)).effective);
  } catch (e) {
    loadError = `settings did not load: ${String(e)}`;
  }
}

/** Checks wait for the first checker only. */
const ready = rebuild();
/**
 * Rebuilds run one after another (a later change is never overtaken by an earlier one), and
 * checks go on with the checker in place meanwhile; each rebuild tells every tab, which checks its
 * open drafts again. Before, checks waited for every rebuild, and so for the policy read (traced:
 * a check waited 3.7 s after a settings change in a browser's first seconds).
 */
let rebuilding: Promise<void> = ready;
function rebuildAndTell(): void {
  rebuilding = rebuilding.then(rebuild).then(broadcast);
}
let policyRead: Promise<void> = Promise.resolve();
function readPolicy(): void {
  policyRead = policyRead.then(readManaged).then((p) => { policy = p; rebuildAndTell(); });
}
readPolicy();
const ports = new Set<chrome.runtime.Port>();

function pageSettings(): PageSettings | null {
  if (!effective) return null;
  const { active, sites, categories, enforcement, underlineFrom, askBeforePostingFrom, uiLang, userMayOverride } = effective;
  return { active, sites, categories, enforcement, underlineFrom, askBeforePostingFrom, uiLang, userMayOverride };
}

function sendState(port: chrome.runtime.Port): void {
  const settings = pageSettings();
  const msg: FromWorker = settings
    ? { type: 'state', settings, error: loadError }
    : { type: 'state', settings: fallbackSettings(), error: loadError ?? 'settings did not load' };
  try { port.postMessage(msg); } catch { /* port closed */ }
}

function fallbackSettings(): PageSettings {
  return {
    active: true, sites: { x: true, facebook: true, instagram: true, linkedin: true },
    categories: { client_data: true, tone: true, advice: true, claims: true },
    enforcement: { client_data: 'confirm', tone: 'warn', advice: 'confirm', claims: 'confirm' },
    underlineFrom: 'hint', askBeforePostingFrom: 'warning', uiLang: 'en', userMayOverride: true,
  };
}

function broadcast(): void {
  for (const p of ports) sendState(p);
}

onSettingsChanged((changed) => {
  if (changed === 'managed') readPolicy();
  else rebuildAndTell();
});

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_NAME || port.sender?.id !== chrome.runtime.id) return;
  ports.add(port);
  port.onDisconnect.addListener(() => ports.delete(port));
  ready.then(() => sendState(port));
  const latest = new Map<number, number>(); // box -> newest check/precheck seq on this port
  // box -> the text last checked and its findings: a precheck that follows a check of the same
  // text starts from them instead of checking it again. Dropped with the port.
  const lastChecked = new Map<number, { checker: Checker; text: string; findings: PageFinding[] }>();
  port.onMessage.addListener(async (msg: ToWorker) => {
    const tRecv = performance.now();
    if (msg.type === 'check' || msg.type === 'precheck') latest.set(msg.box, msg.seq);
    await ready;
    if (msg.type === 'check') {
      let reply: FromWorker;
      if (!checker) {
        reply = { type: 'failed', box: msg.box, seq: msg.seq, error: loadError ?? 'checker not ready' };
      } else {
        try {
          const tStart = performance.now();
          const text = String(msg.text);
          const findings: PageFinding[] = checker.check(text);
          lastChecked.set(msg.box, { checker, text, findings });
          reply = { type: 'result', box: msg.box, seq: msg.seq, findings };
          // Durations only: clocks of different processes are not comparable to a millisecond.
          if (msg.trace) reply.trace = [['w.wait', tStart - tRecv], ['w.check', performance.now() - tStart]];
        } catch (e) {
          reply = { type: 'failed', box: msg.box, seq: msg.seq, error: String(e) };
        }
      }
      try { port.postMessage(reply); } catch { /* the tab went away */ }
    } else if (msg.type === 'precheck') {
      const hits = await precheck(msg, () => latest.get(msg.box) !== msg.seq, lastChecked.get(msg.box));
      if (hits) try { port.postMessage({ type: 'precheck', box: msg.box, seq: msg.seq, hits } satisfies FromWorker); } catch { /* gone */ }
    } else if (msg.type === 'forget') {
      latest.delete(msg.box); // also abandons a precheck still running for it
      lastChecked.delete(msg.box);
    } else if (msg.type === 'audit') {
      void recordAudit(msg.event, msg.site, msg.category, Number(msg.n) || 1);
    } else if (msg.type === 'allow') {
      const term = String(msg.term).trim();
      if (!term) return;
      // The user's own list (no policy read: it can be slow, and the policy's list is its own).
      const user = ((await chrome.storage.local.get(USER_KEY))[USER_KEY] ?? {}) as UserSettings;
      const list = Array.isArray(user.allowList) ? user.allowList : [];
      if (!list.includes(term)) await saveUserSettings({ allowList: [...list, term] });
      // onSettingsChanged rebuilds the checker and tells every tab.
    }
  });
});

/**
 * Runs a precheck (see ToWorker 'precheck') a few candidates at a time, yielding in between so a
 * real check never waits for more than one slice; null when abandoned or the checker is not ready.
 */
async function precheck(
  msg: Extract<ToWorker, { type: 'precheck' }>,
  superseded: () => boolean,
  last: { checker: Checker; text: string; findings: PageFinding[] } | undefined,
): Promise<Array<[string, PageFinding[]]> | null> {
  const c0 = checker;
  if (!c0) return null;
  const text = String(msg.text);
  const { at, end } = msg;
  if (!(at >= 0 && end >= at && end <= text.length)) return null;
  const base = last && last.checker === c0 && last.text === text ? last.findings : c0.check(text);
  const hits: Array<[string, PageFinding[]]> = [];
  const chars = [...String(msg.chars)];
  for (let i = 0; i < chars.length; i++) {
    if (i % 6 === 5) {
      await new Promise((r) => setTimeout(r, 0));
      if (superseded() || checker !== c0) return null; // settings changed: a new checker, new verdicts
    }
    const c = chars[i];
    const next = text.slice(0, at) + c + text.slice(end);
    const found = c0.check(next);
    const moved = remap(base, { from: at, toOld: end, toNew: at + c.length }, next);
    if (JSON.stringify(found) !== JSON.stringify(moved)) hits.push([c, found]);
  }
  return superseded() || checker !== c0 ? null : hits;
}

export async function checkerStatus(): Promise<{ ok: boolean; error: string | null }> {
  await ready;
  return { ok: checker !== null, error: loadError };
}

// Exposed for the popup and tests: a quick health check over a one-off message.
chrome.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
  if (msg?.type === 'status') {
    checkerStatus().then(sendResponse);
    return true;
  }
  if (msg?.type === 'checkerProblems') {
    // The checker's own verdict on policy-supplied settings, for "Policy problems" in options.
    ready.then(() => sendResponse(checker ? checker.problems() : []));
    return true;
  }
  return false;
});

installAuditListener();
