// The popup's and options page's strings, all six languages, bundled at build time.
import type { Tables } from './i18n';
import enP from '../../locales/en/popup.json';
import svP from '../../locales/sv/popup.json';
import plP from '../../locales/pl/popup.json';
import frP from '../../locales/fr/popup.json';
import daP from '../../locales/da/popup.json';
import trP from '../../locales/tr/popup.json';
import enO from '../../locales/en/options.json';
import svO from '../../locales/sv/options.json';
import plO from '../../locales/pl/options.json';
import frO from '../../locales/fr/options.json';
import daO from '../../locales/da/options.json';
import trO from '../../locales/tr/options.json';

export const POPUP: Tables = { en: enP, sv: svP, pl: plP, fr: frP, da: daP, tr: trP };
export const OPTIONS: Tables = { en: enO, sv: svO, pl: plO, fr: frO, da: daO, tr: trO };
