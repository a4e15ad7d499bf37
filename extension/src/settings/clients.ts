// The private client list. Names and handles are turned into salted hashes (per-install salt)
// the moment they are added; storage holds digests and a count, never a readable name.
import type { Site } from '../shared/settings-types';
import { canonicalForms, guardForm, hashForm } from './canon';
import { CLIENTS_KEY } from './index';

export interface StoredClients {
  salt: string;
  /** Every canonical form of every name and handle: what the checker looks drafts up in. */
  hashes: string[];
  /** Whole names and handles only: what the follow guard matches a profile against. */
  guardHashes: string[];
  count: number;
}

export interface ClientEntry {
  name: string;
  handles: string[];
}

export type RowErrorCode = 'no_name' | 'bad_profile' | 'too_long' | 'name_too_short';
export interface RowError {
  row: number;
  code: RowErrorCode;
  detail?: string;
}

const HOSTS: Record<string, Site> = {
  'x.com': 'x', 'twitter.com': 'x', 'facebook.com': 'facebook', 'fb.com': 'facebook',
  'instagram.com': 'instagram', 'linkedin.com': 'linkedin',
};
const RESERVED = new Set(['home', 'explore', 'notifications', 'messages', 'search', 'settings', 'i', 'intent', 'share', 'watch', 'groups', 'pages', 'events', 'marketplace', 'reel', 'reels', 'p', 'stories', 'direct', 'accounts', 'feed', 'jobs', 'company', 'school', 'mynetwork', 'login', 'signup']);

/** "@handle" for a profile URL on one of the four sites, else null. Facebook numeric profiles
 * become "@id<digits>". Used both when importing and by the follow guard on the page. */
export function handleFromUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase().replace(/^(www|m|mobile|web)\./, '');
  const site = HOSTS[host];
  if (!site) return null;
  const parts = u.pathname.split('/').filter(Boolean);
  if (site === 'facebook' && parts[0] === 'profile.php') {
    const id = u.searchParams.get('id');
    return id && /^\d+$/.test(id) ? `@id${id}` : null;
  }
  if (site === 'linkedin') return parts[0] === 'in' && parts[1] ? `@${decodeURIComponent(parts[1]).toLowerCase()}` : null;
  const first = parts[0] ? decodeURIComponent(parts[0]) : '';
  if (!first || RESERVED.has(first.toLowerCase()) || !/^[\p{L}\p{N}._-]+$/u.test(first)) return null;
  return `@${first.toLowerCase()}`;
}

/** Splits one CSV line (comma, semicolon or tab; double quotes as in RFC 4180). */
function splitRow(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur.trim() === '') { quoted = true; cur = ''; }
    else if (c === sep) { out.push(cur.trim()); cur = ''; }
    else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** Parses a CSV file or a pasted list: one client a line, the name first, then optionally
 * handles (@name) or profile URLs. A header line naming a "name" column is skipped. Broken rows
 * are reported by line number; the rest are returned. */
export function parseClientList(text: string): { entries: ClientEntry[]; errors: RowError[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const sample = lines.find((l) => l.trim() !== '') ?? '';
  const sep = sample.includes('\t') ? '\t' : sample.includes(';') && !sample.includes(',') ? ';' : ',';
  const entries: ClientEntry[] = [];
  const errors: RowError[] = [];
  lines.forEach((line, i) => {
    const row = i + 1;
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    const cells = splitRow(line, sep).filter((c) => c !== '');
    if (entries.length === 0 && errors.length === 0 && /^(name|namn|nazwa|imi[eę]( i nazwisko)?|nom|navn|ad|isim|ad soyad)$/i.test(cells[0] ?? '')) return;
    if (line.length > 1000) return void errors.push({ row, code: 'too_long' });
    let name = '';
    const handles: string[] = [];
    let bad: string | null = null;
    for (const cell of cells) {
      if (cell.startsWith('@')) {
        const f = canonicalForms(cell)[0];
        if (f) handles.push(f);
        else bad = cell;
      } else if (/^(https?:\/\/|www\.)|^[\w.-]+\.(com)\//i.test(cell)) {
        const h = handleFromUrl(cell);
        if (h) handles.push(canonicalForms(h)[0] ?? h);
        else bad = cell;
      } else if (!name) name = cell;
      else name = `${name} ${cell}`;
    }
    if (bad !== null) return void errors.push({ row, code: 'bad_profile', detail: bad.slice(0, 80) });
    if (!name && handles.length === 0) return void errors.push({ row, code: 'no_name' });
    if (name && canonicalForms(name).length === 0 && handles.length === 0) return void errors.push({ row, code: 'name_too_short' });
    entries.push({ name, handles });
  });
  return { entries, errors };
}

export function newSalt(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Hashes entries into `store` (pure). */
export function addToStore(store: StoredClients, entries: ClientEntry[]): StoredClients {
  const hashes = new Set(store.hashes);
  const guard = new Set(store.guardHashes);
  for (const e of entries) {
    if (e.name) {
      for (const f of canonicalForms(e.name)) hashes.add(hashForm(store.salt, f));
      const g = guardForm(e.name);
      if (g) guard.add(hashForm(store.salt, g));
    }
    for (const h of e.handles) {
      const hh = hashForm(store.salt, h);
      hashes.add(hh);
      guard.add(hh);
    }
  }
  return { salt: store.salt, hashes: [...hashes], guardHashes: [...guard], count: store.count + entries.length };
}

export async function loadClients(): Promise<StoredClients> {
  const got = (await chrome.storage.local.get(CLIENTS_KEY))[CLIENTS_KEY] as StoredClients | undefined;
  if (got && typeof got.salt === 'string' && got.salt) return { salt: got.salt, hashes: got.hashes ?? [], guardHashes: got.guardHashes ?? [], count: got.count ?? 0 };
  return { salt: newSalt(), hashes: [], guardHashes: [], count: 0 };
}

export async function addClients(entries: ClientEntry[]): Promise<number> {
  const next = addToStore(await loadClients(), entries);
  await chrome.storage.local.set({ [CLIENTS_KEY]: next });
  return next.count;
}

/** Removes the whole list and its salt (the next list gets a fresh salt). */
export async function clearClients(): Promise<void> {
  await chrome.storage.local.remove(CLIENTS_KEY);
}
