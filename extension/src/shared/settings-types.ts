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

/** What the checker accepts: the `Settings` type that crate/src/wasm.rs declares for the WASM
 * package, so the Rust side is the one statement of it. */
import type { Settings as CheckerSettings } from '../../../pkg/bedside';
export type { CheckerSettings };

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
  /** Whether the user may pause checking (policy `allowPause`). */
  userMayPause?: boolean;
  /** The organisation's allow-list entries (part of checker.allowList; shown locked). */
  orgAllowList?: string[];
  /** The user's own allow-list entries (part of checker.allowList). */
  userAllowList?: string[];
}

/** What the user has chosen, as stored in chrome.storage.local under `settings`. All optional. */
export interface UserSettings {
  active?: boolean;
  sites?: Partial<Record<Site, boolean>>;
  categories?: Partial<Record<Category, boolean>>;
  enforcement?: Partial<Record<Category, Enforcement>>;
  underlineFrom?: Severity;
  askBeforePostingFrom?: Severity;
  uiLang?: Lang;
  allowList?: string[];
}

/** The organisation's policy (chrome.storage.managed), after validation. Mirrors managed_schema.json. */
export interface Policy {
  sites?: Partial<Record<Site, { enabled?: boolean; locked?: boolean }>>;
  categories?: Partial<Record<Category, { enabled?: boolean; locked?: boolean }>>;
  enforcement?: Partial<Record<Category, Enforcement>>;
  underlineFrom?: Severity;
  askBeforePostingFrom?: Severity;
  allowList?: string[];
  customRules?: NonNullable<CheckerSettings['customRules']>;
  allowOverride?: boolean;
  allowPause?: boolean;
  communicationLevel?: number;
  clientList?: boolean;
}

/** One invalid policy value: `key` is a path like `customRules[2].pattern`; `code` names the
 * reason (translated in the options page as `policyProblem_<code>`), `detail` adds specifics. */
export interface PolicyProblem {
  key: string;
  code: 'unknown_key' | 'wrong_type' | 'unknown_site' | 'unknown_category' | 'bad_value' | 'bad_regex' | 'out_of_range' | 'unreadable';
  detail?: string;
}
