// What Bedside does before anyone has chosen anything.
import { CATEGORIES, LANGS, SITES } from '../shared/settings-types';
import type { Category, EffectiveSettings, Enforcement, Lang, Severity, Site } from '../shared/settings-types';

export const SEVERITIES: Severity[] = ['hint', 'warning', 'critical'];
export const ENFORCEMENTS: Enforcement[] = ['warn', 'confirm', 'block'];

/** The choices that have a default: the same fields as the effective settings, stated once there. */
export type Defaults = Pick<
  EffectiveSettings,
  'active' | 'sites' | 'categories' | 'enforcement' | 'underlineFrom' | 'askBeforePostingFrom'
>;

export function defaults(): Defaults {
  return {
    active: true,
    sites: Object.fromEntries(SITES.map((s) => [s, true])) as Record<Site, boolean>,
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, true])) as Record<Category, boolean>,
    // Client data and public advice ask before posting; tone and claims underline only.
    enforcement: { client_data: 'confirm', tone: 'warn', advice: 'confirm', claims: 'warn' },
    underlineFrom: 'hint',
    askBeforePostingFrom: 'warning',
  };
}

/** The browser's language if Bedside speaks it, else English. */
export function browserLang(uiLanguage?: string): Lang {
  let tag = uiLanguage;
  if (tag === undefined) {
    try {
      tag = (globalThis as any).chrome?.i18n?.getUILanguage?.() ?? (globalThis as any).navigator?.language;
    } catch {
      tag = undefined;
    }
  }
  const base = String(tag ?? 'en').toLowerCase().split(/[-_]/)[0];
  // Norwegian readers get Danish rather than English: closest of the six.
  const mapped = base === 'nb' || base === 'no' || base === 'nn' ? 'da' : base;
  return (LANGS as string[]).includes(mapped) ? (mapped as Lang) : 'en';
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
