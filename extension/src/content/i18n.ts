// In-page strings, bundled from extension/locales/<lang>/page.json so the page UI follows the
// user's chosen language (settings uiLang) rather than only the browser's.
import type { Lang } from '../shared/settings-types';
import en from '../../locales/en/page.json';
import sv from '../../locales/sv/page.json';
import pl from '../../locales/pl/page.json';
import fr from '../../locales/fr/page.json';
import da from '../../locales/da/page.json';
import tr from '../../locales/tr/page.json';

type Messages = Record<string, { message: string }>;
const ALL: Record<Lang, Messages> = { en, sv, pl, fr, da, tr };
let lang: Lang = 'en';

export function setLang(l: Lang): void {
  if (ALL[l]) lang = l;
}

export function t(key: string, ...subs: Array<string | number>): string {
  const m = ALL[lang][key] ?? ALL.en[key];
  let s = m ? m.message : key;
  subs.forEach((v, i) => { s = s.split(`$${i + 1}`).join(String(v)); });
  return s;
}
