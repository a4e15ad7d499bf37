// Privacy-preserving audit counters for the organisation: counts by ISO week, site, category and
// event. No text, names or URLs, ever. Content scripts send events to the worker, which is the one
// writer (so counts from several tabs don't overwrite each other).
import type { Category, Site } from '../shared/settings-types';

export const AUDIT_KEY = 'audit';
export const AUDIT_EVENTS = ['warning_shown', 'post_reviewed', 'override', 'guard_shown', 'guard_cancelled', 'guard_continued', 'profile_notice'] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];
export type AuditCounts = Record<string, number>;
const SITES_OK = new Set(['x', 'facebook', 'instagram', 'linkedin']);
const CATS_OK = new Set(['client_data', 'tone', 'advice', 'claims', 'boundaries', '-']);

/** ISO 8601 week, e.g. "2025-W07". */
export function isoWeek(d: Date = new Date()): string {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function auditKey(event: AuditEvent, site: Site, category: Category | 'boundaries' | '-', week = isoWeek()): string | null {
  if (!(AUDIT_EVENTS as readonly string[]).includes(event) || !SITES_OK.has(site) || !CATS_OK.has(category)) return null;
  return `${week}|${site}|${category}|${event}`;
}

export function toCsv(counts: AuditCounts): string {
  const rows = Object.entries(counts)
    .map(([k, n]) => [...k.split('|'), String(n)])
    .filter((r) => r.length === 5)
    .sort((a, b) => a.join('|').localeCompare(b.join('|')));
  return ['week,site,category,event,count', ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

/** Counts of `event` in the current week by category (for the popup). */
export function thisWeekByCategory(counts: AuditCounts, event: AuditEvent = 'warning_shown', week = isoWeek()): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(counts)) {
    const [w, , cat, ev] = k.split('|');
    if (w === week && ev === event) out[cat] = (out[cat] ?? 0) + n;
  }
  return out;
}

export async function loadAudit(): Promise<AuditCounts> {
  return ((await chrome.storage.local.get(AUDIT_KEY))[AUDIT_KEY] ?? {}) as AuditCounts;
}

let chain: Promise<void> = Promise.resolve();
/** Worker side: adds to a counter. Serialised so concurrent events are all counted. */
export function recordAudit(event: AuditEvent, site: Site, category: Category | 'boundaries' | '-' = '-', n = 1): Promise<void> {
  const key = auditKey(event, site, category);
  if (!key || !(n > 0)) return chain;
  chain = chain.then(async () => {
    const counts = await loadAudit();
    counts[key] = (counts[key] ?? 0) + Math.floor(n);
    await chrome.storage.local.set({ [AUDIT_KEY]: counts });
  }).catch(() => undefined);
  return chain;
}

/** Content-script side: fire and forget. */
export function sendAudit(event: AuditEvent, site: Site, category: Category | 'boundaries' | '-' = '-', n = 1): void {
  try {
    chrome.runtime.sendMessage({ type: 'bedside-audit', event, site, category, n }).catch?.(() => undefined);
  } catch { /* extension reloaded */ }
}

/** Worker side: accepts audit events from this extension's own content scripts and pages. */
export function installAuditListener(): void {
  chrome.runtime.onMessage.addListener((msg, sender) => {
    if (msg?.type !== 'bedside-audit' || sender.id !== chrome.runtime.id) return false;
    void recordAudit(msg.event, msg.site, msg.category, Number(msg.n) || 1);
    return false;
  });
}

export async function clearAudit(): Promise<void> {
  await chrome.storage.local.remove(AUDIT_KEY);
}
