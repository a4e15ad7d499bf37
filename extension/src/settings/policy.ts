// Validates the organisation's policy (chrome.storage.managed) value by value: whatever is valid
// applies, whatever is not becomes a PolicyProblem shown under "Policy problems" in the options
// page. Never throws, whatever the input.
import { CATEGORIES, SITES } from '../shared/settings-types';
import type { Category, Policy, PolicyProblem, Site } from '../shared/settings-types';
import { ENFORCEMENTS, SEVERITIES } from './defaults';

/** The top-level keys managed_schema.json declares (the drift test compares them). */
export const POLICY_KEYS = [
  'sites', 'categories', 'enforcement', 'underlineFrom', 'askBeforePostingFrom', 'allowList',
  'customRules', 'allowOverride', 'allowPause', 'communicationLevel', 'clientList',
] as const;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Rust `regex` (what the checker compiles) has no look-around and no back-references; JS does.
 * Reject those here so the message is clear; everything else must at least compile in JS. The
 * worker adds the checker's own verdict (Checker.problems) on top. */
export function regexProblem(pattern: string): string | null {
  if (pattern.length === 0) return 'empty pattern';
  if (pattern.length > 2000) return 'pattern longer than 2000 characters';
  if (/\(\?<?[=!]/.test(pattern)) return 'look-around is not supported';
  if (/\\[1-9]/.test(pattern)) return 'back-references are not supported';
  try {
    // Accept Rust's inline flags at the start, e.g. (?i), which JS lacks.
    new RegExp(pattern.replace(/^\(\?[imsx]+\)/, ''), 'u');
    return null;
  } catch (e) {
    return String((e as Error)?.message ?? e).replace(/^Invalid regular expression: /, '');
  }
}

export function validatePolicy(raw: unknown): { policy: Policy; problems: PolicyProblem[] } {
  const policy: Policy = {};
  const problems: PolicyProblem[] = [];
  const wrong = (key: string, want: string, v: unknown) => problems.push({ key, code: 'wrong_type', detail: `expected ${want}, got ${typeName(v)}` });
  if (raw === undefined || raw === null) return { policy, problems };
  if (!isObj(raw)) {
    problems.push({ key: '(policy)', code: 'wrong_type', detail: `expected object, got ${typeName(raw)}` });
    return { policy, problems };
  }
  const bool = (key: string, v: unknown): boolean | undefined => {
    if (typeof v === 'boolean') return v;
    wrong(key, 'boolean', v);
    return undefined;
  };
  const oneOf = <T extends string>(key: string, v: unknown, allowed: readonly T[]): T | undefined => {
    if (typeof v !== 'string') {
      wrong(key, 'string', v);
      return undefined;
    }
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push({ key, code: 'bad_value', detail: `"${v}" is not one of ${allowed.join(', ')}` });
    return undefined;
  };
  const stringList = (key: string, v: unknown): string[] | undefined => {
    if (!Array.isArray(v)) {
      wrong(key, 'array of strings', v);
      return undefined;
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item === 'string' && item.trim() !== '') out.push(item.trim());
      else if (typeof item === 'string') problems.push({ key: `${key}[${i}]`, code: 'bad_value', detail: 'empty string' });
      else wrong(`${key}[${i}]`, 'string', item);
    });
    return out;
  };
  // sites / categories: { <name>: { enabled, locked } }
  const switches = <T extends string>(key: 'sites' | 'categories', v: unknown, names: readonly T[], unknownCode: PolicyProblem['code']) => {
    if (!isObj(v)) {
      wrong(key, 'object', v);
      return undefined;
    }
    const out: Partial<Record<T, { enabled?: boolean; locked?: boolean }>> = {};
    for (const [name, entry] of Object.entries(v)) {
      const k = `${key}.${name}`;
      if (!(names as readonly string[]).includes(name)) {
        problems.push({ key: k, code: unknownCode, detail: `known: ${names.join(', ')}` });
        continue;
      }
      if (!isObj(entry)) {
        wrong(k, 'object with "enabled" and "locked"', entry);
        continue;
      }
      const item: { enabled?: boolean; locked?: boolean } = {};
      for (const [field, fv] of Object.entries(entry)) {
        if (field === 'enabled' || field === 'locked') {
          const b = bool(`${k}.${field}`, fv);
          if (b !== undefined) item[field] = b;
        } else problems.push({ key: `${k}.${field}`, code: 'unknown_key' });
      }
      out[name as T] = item;
    }
    return out;
  };

  for (const [key, v] of Object.entries(raw)) {
    switch (key) {
      case 'sites': {
        const s = switches<Site>('sites', v, SITES, 'unknown_site');
        if (s) policy.sites = s;
        break;
      }
      case 'categories': {
        const c = switches<Category>('categories', v, CATEGORIES, 'unknown_category');
        if (c) policy.categories = c;
        break;
      }
      case 'enforcement': {
        if (!isObj(v)) {
          wrong(key, 'object', v);
          break;
        }
        policy.enforcement = {};
        for (const [cat, e] of Object.entries(v)) {
          if (!(CATEGORIES as string[]).includes(cat)) {
            problems.push({ key: `enforcement.${cat}`, code: 'unknown_category', detail: `known: ${CATEGORIES.join(', ')}` });
            continue;
          }
          const val = oneOf(`enforcement.${cat}`, e, ENFORCEMENTS);
          if (val) policy.enforcement[cat as Category] = val;
        }
        break;
      }
      case 'underlineFrom':
      case 'askBeforePostingFrom': {
        const val = oneOf(key, v, SEVERITIES);
        if (val) policy[key] = val;
        break;
      }
      case 'allowList': {
        const l = stringList(key, v);
        if (l) policy.allowList = l;
        break;
      }
      case 'allowOverride':
      case 'allowPause':
      case 'clientList': {
        const b = bool(key, v);
        if (b !== undefined) policy[key] = b;
        break;
      }
      case 'communicationLevel': {
        if (typeof v !== 'number' || !Number.isInteger(v)) wrong(key, 'integer 1-5', v);
        else if (v < 1 || v > 5) problems.push({ key, code: 'out_of_range', detail: `${v} is not between 1 and 5` });
        else policy.communicationLevel = v;
        break;
      }
      case 'customRules': {
        if (!Array.isArray(v)) {
          wrong(key, 'array', v);
          break;
        }
        policy.customRules = [];
        const seen = new Set<string>();
        v.forEach((r, i) => {
          const k = `customRules[${i}]`;
          if (!isObj(r)) return wrong(k, 'object', r);
          const before = problems.length;
          for (const f of Object.keys(r)) {
            if (!['id', 'category', 'severity', 'terms', 'pattern', 'message'].includes(f)) problems.push({ key: `${k}.${f}`, code: 'unknown_key' });
          }
          let id = typeof r.id === 'string' && r.id.trim() ? r.id.trim() : undefined;
          if (id === undefined) {
            if (r.id !== undefined) wrong(`${k}.id`, 'string', r.id);
            id = `org_rule_${i + 1}`;
          }
          if (seen.has(id)) problems.push({ key: `${k}.id`, code: 'bad_value', detail: `duplicate id "${id}"` });
          seen.add(id);
          let category: Category | undefined;
          if (typeof r.category !== 'string') wrong(`${k}.category`, 'string', r.category);
          else if (!(CATEGORIES as string[]).includes(r.category)) problems.push({ key: `${k}.category`, code: 'unknown_category', detail: `"${r.category}"` });
          else category = r.category as Category;
          const severity = r.severity === undefined ? 'warning' : oneOf(`${k}.severity`, r.severity, SEVERITIES);
          const terms = r.terms === undefined ? [] : stringList(`${k}.terms`, r.terms);
          let pattern: string | undefined;
          if (r.pattern !== undefined) {
            if (typeof r.pattern !== 'string') wrong(`${k}.pattern`, 'string', r.pattern);
            else {
              const why = regexProblem(r.pattern);
              if (why) problems.push({ key: `${k}.pattern`, code: 'bad_regex', detail: why });
              else pattern = r.pattern;
            }
          }
          const message = typeof r.message === 'string' && r.message.trim() ? r.message.trim() : undefined;
          if (message === undefined) problems.push({ key: `${k}.message`, code: r.message === undefined ? 'bad_value' : 'wrong_type', detail: 'a non-empty message is required' });
          // A rule applies only if everything in it is valid: half a rule would flag the wrong thing.
          if (problems.length > before) return;
          if (!terms?.length && pattern === undefined) {
            problems.push({ key: k, code: 'bad_value', detail: 'needs "terms" or "pattern"' });
            return;
          }
          policy.customRules!.push({ id, category: category!, severity: severity!, ...(terms?.length ? { terms } : {}), ...(pattern !== undefined ? { pattern } : {}), message: message! });
        });
        break;
      }
      default:
        problems.push({ key, code: 'unknown_key' });
    }
  }
  return { policy, problems };
}
