// The shape of Bedside's settings as the extension's parts see them. The settings module
// (extension/src/settings/) merges managed policy over user settings over defaults into an
// `EffectiveSettings`; the worker builds the WASM Checker from `checker`, content scripts read the
// rest. Keep in step with crate/src/settings.rs (checker part) and managed_schema.json (policy).

export type Lang = 'en' | 'sv' | 'pl' | 'fr' | 'da' | 'tr';
export type Category = 'client_data' | 'tone' | 'advice' | 'claims';
export type Severity = 'hint' | 'warning' | 'critical';
export type Site = 'x' | 'facebook' | 'instagram' | 'linkedin';
/** warn: underline only; confirm: ask before posting; block: critical findings can't be posted. */
export type Enforcement = 'warn' | 'confirm' | 'block';

export const LANGS: Lang[] = ['en', 'sv', 'pl', 'fr', 'da', 'tr'];
export const CATEGORIES: Category[] = ['client_data', 'tone', 'advice', 'claims'];
export const SITES: Site[] = ['x', 'facebook', 'instagram', 'linkedin'];

/** What crate/src/settings.rs `Settings` accepts (camelCase). */
export interface CheckerSettings {
  uiLang?: Lang;
  langHint?: Lang;
  disabledCategories?: Category[];
  disabledRules?: string[];
  severityOverrides?: Record<string, Severity>;
  allowList?: string[];
  clients?: { salt: string; hashes: string[] };
  customRules?: Array<{ id: string; category: Category; severity?: Severity; terms?: string[]; pattern?: string; message: string }>;
  communicationLevel?: number;
  platform?: Site;
}

export interface EffectiveSettings {
  /** False while the user has paused checking (if policy allows pausing). */
  active: boolean;
  sites: Record<Site, boolean>;
  categories: Record<Category, boolean>;
  enforcement: Record<Category, Enforcement>;
  /** Lowest severity that is underlined. */
  underlineFrom: Severity;
  /** Lowest severity that asks before posting (where enforcement is confirm or block). */
  askBeforePostingFrom: Severity;
  uiLang: Lang;
  checker: CheckerSettings;
  /** Whether the user may choose "Post anyway" / "Continue anyway" and pause checking. */
  userMayOverride: boolean;
  clientListEnabled: boolean;
  /** Settings keys fixed by the organisation's policy (shown locked in the popup). */
  locked: string[];
}
