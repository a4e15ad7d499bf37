// The typed protocol between content scripts and the service worker, over a
// chrome.runtime.connect port named PORT_NAME. Typed text only ever travels this port (inside the
// browser); the worker never logs it and nothing is sent over the network.
import type { Category, EffectiveSettings, Severity, Site } from './settings-types';
import type { AuditEvent } from '../settings/audit';

export const PORT_NAME = 'bedside-check';

/** A finding as the checker returns it (UTF-16 offsets): the WASM package's own type. */
import type { Finding as PageFinding } from '../../../pkg/bedside';
export type { PageFinding };

/** What the page part needs from the effective settings (never the client hashes). */
export type PageSettings = Pick<EffectiveSettings,
  'active' | 'sites' | 'categories' | 'enforcement' | 'underlineFrom' | 'askBeforePostingFrom' | 'uiLang' | 'userMayOverride'>;

export type ToWorker =
  /** Check `text` for the box `box`; `seq` increases per box. `trace`: benchmark only, see `trace` below. */
  | { type: 'check'; box: number; seq: number; text: string; trace?: boolean }
  /**
   * The verdicts the next keystroke could need: for each character c of `chars`, check `text` with
   * [at, end) replaced by c, and report those whose findings differ from the current ones moved
   * across that edit (textmodel `remap`). Abandoned when a newer check for the box arrives.
   */
  | { type: 'precheck'; box: number; seq: number; text: string; at: number; end: number; chars: string }
  /** Add a term to the user's allow-list (persisted in chrome.storage.local). */
  | { type: 'allow'; term: string }
  /** The box left the page (closed dialog, feed item scrolled away, navigation): drop its text. */
  | { type: 'forget'; box: number }
  /** An audit count (no text), over the open port: cheaper for the page than a one-off message. */
  | { type: 'audit'; event: AuditEvent; site: Site; category: Category | 'boundaries' | '-'; n: number };

export type FromWorker =
  /** Sent on connect and whenever settings change. `error` is set when the checker can't load. */
  | { type: 'state'; settings: PageSettings; error: string | null }
  /** `trace` (only when the check asked for it): [stage, duration ms] pairs for the in-page benchmark, no text. */
  | { type: 'result'; box: number; seq: number; findings: PageFinding[]; trace?: Array<[string, number]> }
  | { type: 'failed'; box: number; seq: number; error: string }
  /** Answer to a precheck: only the characters whose verdict is not the moved current one. */
  | { type: 'precheck'; box: number; seq: number; hits: Array<[string, PageFinding[]]> };
