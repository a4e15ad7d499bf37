// UI strings in the user's chosen language. chrome.i18n only follows the browser's language, so
// each UI bundles the locale files it needs (extension/locales/<lang>/<area>.json, the same files
// build.mjs merges into _locales) and looks strings up here. English fills any gap.
import { LANGS } from './settings-types';
import type { Lang } from './settings-types';

export type Messages = Record<string, { message: string }>;
export type Tables = Record<Lang, Messages>;

export interface I18n {
  lang(): Lang;
  setLang(l: Lang): void;
  t(key: string, ...subs: Array<string | number>): string;
  has(key: string): boolean;
}

/** Merges several areas (e.g. popup + options) into one lookup. */
export function createI18n(...areas: Tables[]): I18n {
  const merged = Object.fromEntries(LANGS.map((l) => [l, Object.assign({}, ...areas.map((a) => a[l] ?? {}))])) as Tables;
  let current: Lang = 'en';
  return {
    lang: () => current,
    setLang(l: Lang) {
      if (merged[l]) current = l;
    },
    has: (key) => key in merged.en,
    t(key, ...subs) {
      const m = merged[current][key] ?? merged.en[key];
      let s = m ? m.message : key;
      subs.forEach((v, i) => {
        s = s.split(`$${i + 1}`).join(String(v));
      });
      return s;
    },
  };
}

/** Sets `textContent` of every [data-i18n] element and `placeholder` of [data-i18n-placeholder]. */
export function localizeDom(root: ParentNode, i18n: I18n): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = i18n.t(el.dataset.i18n!);
  });
  root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]').forEach((el) => {
    el.placeholder = i18n.t(el.dataset.i18nPlaceholder!);
  });
}

/** Names of the six languages, each in itself (for the language picker). */
export const LANG_NAMES: Record<Lang, string> = {
  en: 'English', sv: 'Svenska', pl: 'Polski', fr: 'Français', da: 'Dansk', tr: 'Türkçe',
};
