// The follow guard's strings, all six languages, bundled into the content script.
import type { Tables } from './i18n';
import en from '../../locales/en/guard.json';
import sv from '../../locales/sv/guard.json';
import pl from '../../locales/pl/guard.json';
import fr from '../../locales/fr/guard.json';
import da from '../../locales/da/guard.json';
import tr from '../../locales/tr/guard.json';

export const GUARD: Tables = { en, sv, pl, fr, da, tr };
