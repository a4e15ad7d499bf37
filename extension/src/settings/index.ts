// The settings module's browser side: reads chrome.storage.local (user settings, client hashes)
// and chrome.storage.managed (policy), merges them, and tells callers when either changes.
import type { EffectiveSettings, PolicyProblem, UserSettings } from '../shared/settings-types';
import { mergeSettings, type ClientStore } from './merge';

export { mergeSettings } from './merge';
export { validatePolicy } from './policy';

export const USER_KEY = 'settings';
export const CLIENTS_KEY = 'clients';

/** The managed policy as stored (`{}` when there is none), and any problem reading it. */
export async function readManaged(): Promise<{ raw: unknown; problems: PolicyProblem[] }> {
  try {
    const managed = (chrome.storage as any).managed;
    if (!managed) return { raw: {}, problems: [] };
    return { raw: await managed.get(null), problems: [] };
  } catch (e) {
    // Firefox throws when there is no policy at all; Chromium when the schema is broken.
    const msg = String((e as Error)?.message ?? e);
    return /not (found|set)|no managed|undefined/i.test(msg) ? { raw: {}, problems: [] } : { raw: {}, problems: [{ key: '(policy)', code: 'unreadable', detail: msg }] };
  }
}

export async function loadAll(): Promise<{ effective: EffectiveSettings; problems: PolicyProblem[]; user: UserSettings; clientCount: number }> {
  const [local, managed] = await Promise.all([readLocal(), readManaged()]);
  return mergeLocal(local, managed);
}

/** The user's settings and client store as stored in chrome.storage.local (one read). */
export function readLocal(): Promise<Record<string, unknown>> {
  return chrome.storage.local.get([USER_KEY, CLIENTS_KEY]);
}

/** No policy: what applies before chrome.storage.managed has answered. */
export const NO_POLICY: { raw: unknown; problems: PolicyProblem[] } = { raw: {}, problems: [] };

/**
 * The user's settings and client list read now, merged under a policy read before (`readManaged`):
 * for a caller that keeps the policy and must not wait for chrome.storage.managed on each change.
 */
export async function loadWithPolicy(managed: { raw: unknown; problems: PolicyProblem[] }): Promise<{ effective: EffectiveSettings; problems: PolicyProblem[] }> {
  return mergeLocal(await readLocal(), managed);
}

/** `local` (as `readLocal` returns it) merged under the policy `managed`. */
export function mergeLocal(local: Record<string, unknown>, managed: { raw: unknown; problems: PolicyProblem[] }) {
  const clients = (local[CLIENTS_KEY] ?? null) as ClientStore | null;
  const { effective, problems } = mergeSettings(local[USER_KEY], managed.raw, clients);
  return { effective, problems: [...managed.problems, ...problems], user: (local[USER_KEY] ?? {}) as UserSettings, clientCount: clients?.count ?? 0 };
}


/** Shallow-merges `patch` into the stored user settings (nested site/category maps merge too). */
export async function saveUserSettings(patch: UserSettings): Promise<void> {
  const cur = ((await chrome.storage.local.get(USER_KEY))[USER_KEY] ?? {}) as UserSettings;
  const next: UserSettings = { ...cur, ...patch };
  for (const k of ['sites', 'categories', 'enforcement'] as const) {
    if (patch[k]) (next as any)[k] = { ...(cur[k] ?? {}), ...patch[k] };
  }
  await chrome.storage.local.set({ [USER_KEY]: next });
}

/**
 * Calls `cb` whenever user settings, the client list or the policy change, with what changed.
 * Returns unsubscribe.
 */
export function onSettingsChanged(cb: (changed: 'local' | 'managed') => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed') cb('managed');
    else if (area === 'local' && (USER_KEY in changes || CLIENTS_KEY in changes)) cb('local');
  };
  chrome.storage.onChanged.addListener(listener);
  return () => chrome.storage.onChanged.removeListener(listener);
}
