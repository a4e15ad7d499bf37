// Layering: the organisation's policy over the user's choices over the defaults. Pure, so the
// node tests can run it without a browser.
import { CATEGORIES, LANGS, SITES } from '../shared/settings-types';
import type { EffectiveSettings, Lang, Policy, PolicyProblem, UserSettings } from '../shared/settings-types';
import { browserLang, defaults, ENFORCEMENTS, SEVERITIES } from './defaults';
import { validatePolicy } from './policy';

export interface ClientStore {
  salt: string;
  hashes: string[];
  count: number;
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

/** Merge raw (unvalidated) storage values. Unknown or ill-typed user values fall back to the
 * defaults silently (the user can't have set them through the UI); policy problems are returned. */
export function mergeSettings(
  userRaw: unknown,
  policyRaw: unknown,
  clients?: ClientStore | null,
  uiLanguage?: string,
): { effective: EffectiveSettings; problems: PolicyProblem[]; policy: Policy } {
  const { policy, problems } = validatePolicy(policyRaw);
  const user: UserSettings = typeof userRaw === 'object' && userRaw !== null ? (userRaw as UserSettings) : {};
  const d = defaults();
  const locked: string[] = [];

  const sites = { ...d.sites };
  for (const s of SITES) {
    const p = policy.sites?.[s];
    if (p?.enabled !== undefined && p.locked) {
      sites[s] = p.enabled;
      locked.push(`sites.${s}`);
    } else if (isBool(user.sites?.[s])) sites[s] = user.sites![s]!;
    else if (p?.enabled !== undefined) sites[s] = p.enabled;
  }
  const categories = { ...d.categories };
  for (const c of CATEGORIES) {
    const p = policy.categories?.[c];
    if (p?.enabled !== undefined && p.locked) {
      categories[c] = p.enabled;
      locked.push(`categories.${c}`);
    } else if (isBool(user.categories?.[c])) categories[c] = user.categories![c]!;
    else if (p?.enabled !== undefined) categories[c] = p.enabled;
  }
  const enforcement = { ...d.enforcement };
  for (const c of CATEGORIES) {
    const p = policy.enforcement?.[c];
    const u = user.enforcement?.[c];
    if (p) {
      enforcement[c] = p;
      locked.push(`enforcement.${c}`);
    } else if (u && ENFORCEMENTS.includes(u)) enforcement[c] = u;
  }
  const severity = (k: 'underlineFrom' | 'askBeforePostingFrom') => {
    if (policy[k]) {
      locked.push(k);
      return policy[k]!;
    }
    const u = user[k];
    return u && SEVERITIES.includes(u) ? u : d[k];
  };
  const underlineFrom = severity('underlineFrom');
  const askBeforePostingFrom = severity('askBeforePostingFrom');

  const userMayOverride = policy.allowOverride ?? true;
  if (policy.allowOverride !== undefined) locked.push('userMayOverride');
  const userMayPause = policy.allowPause ?? true;
  let active = d.active;
  if (!userMayPause) {
    locked.push('active');
  } else if (isBool(user.active)) active = user.active;

  const clientListEnabled = policy.clientList ?? true;
  if (policy.clientList !== undefined) locked.push('clientList');
  if (policy.communicationLevel !== undefined) locked.push('communicationLevel');
  const orgAllowList = policy.allowList ?? [];
  if (orgAllowList.length) locked.push('allowList');
  const userAllowList = Array.isArray(user.allowList) ? user.allowList.filter((t) => typeof t === 'string' && t.trim() !== '') : [];

  const uiLang: Lang = user.uiLang && LANGS.includes(user.uiLang) ? user.uiLang : browserLang(uiLanguage);
  const allowList = [...new Set([...orgAllowList, ...userAllowList])];
  const effective: EffectiveSettings = {
    active,
    sites,
    categories,
    enforcement,
    underlineFrom,
    askBeforePostingFrom,
    uiLang,
    checker: {
      uiLang,
      disabledCategories: CATEGORIES.filter((c) => !categories[c]),
      allowList,
      customRules: policy.customRules ?? [],
      ...(policy.communicationLevel !== undefined ? { communicationLevel: policy.communicationLevel } : {}),
      ...(clientListEnabled && clients && clients.hashes.length ? { clients: { salt: clients.salt, hashes: clients.hashes } } : {}),
    },
    userMayOverride,
    userMayPause,
    clientListEnabled,
    locked,
    orgAllowList,
    userAllowList,
  };
  return { effective, problems, policy };
}
