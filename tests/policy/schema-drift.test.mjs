// Drift test: managed_schema.json (what Chrome validates and admins read), the TS Policy type
// (settings-types.ts) and the validator (policy.ts) must describe the same policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadTs, root } from './load-ts.mjs';

const schema = JSON.parse(readFileSync(join(root, 'extension/managed_schema.json'), 'utf8'));
const types = await loadTs('extension/src/shared/settings-types.ts');
const { POLICY_KEYS, validatePolicy } = await loadTs('extension/src/settings/policy.ts');
const { SEVERITIES, ENFORCEMENTS } = await loadTs('extension/src/settings/defaults.ts');
// The checker's settings types are declared once, in crate/src/wasm.rs, and reach TS through the
// WASM package's .d.ts (built by ./build.sh).
const checkerTypesSrc = readFileSync(join(root, 'pkg/bedside.d.ts'), 'utf8');
const typesSrc = readFileSync(join(root, 'extension/src/shared/settings-types.ts'), 'utf8');

/** Chrome's schema dialect, the subset we use: type, properties, additionalProperties, items,
 * enum, minimum, maximum. Returns error paths. */
function conforms(s, v, path = '') {
  const t = Array.isArray(v) ? 'array' : v === null ? 'null' : Number.isInteger(v) ? 'integer' : typeof v;
  const ok = s.type === t || (s.type === 'number' && t === 'integer');
  if (!ok) return [`${path}: ${t} is not ${s.type}`];
  const errs = [];
  if (s.enum && !s.enum.includes(v)) errs.push(`${path}: ${v} not in enum`);
  if (s.minimum !== undefined && v < s.minimum) errs.push(`${path}: below minimum`);
  if (s.maximum !== undefined && v > s.maximum) errs.push(`${path}: above maximum`);
  if (t === 'object') {
    for (const [k, sub] of Object.entries(v)) {
      const ss = s.properties?.[k] ?? s.additionalProperties;
      if (!ss) errs.push(`${path}.${k}: not in schema`);
      else errs.push(...conforms(ss, sub, `${path}.${k}`));
    }
  }
  if (t === 'array') v.forEach((x, i) => errs.push(...conforms(s.items, x, `${path}[${i}]`)));
  return errs;
}

function checkDialect(s, path = '(root)') {
  const allowed = new Set(['type', 'properties', 'additionalProperties', 'items', 'enum', 'minimum', 'maximum', 'title', 'description', 'pattern', 'id', '$ref', 'required']);
  for (const k of Object.keys(s)) assert.ok(allowed.has(k), `${path}: "${k}" is not in Chrome's schema dialect`);
  assert.ok(('type' in s) !== ('$ref' in s), `${path}: exactly one of type / $ref`);
  for (const [k, sub] of Object.entries(s.properties ?? {})) checkDialect(sub, `${path}.${k}`);
  if (s.additionalProperties) checkDialect(s.additionalProperties, `${path}.*`);
  if (s.items) checkDialect(s.items, `${path}[]`);
}

test('schema is in Chrome\'s dialect: top-level object without additionalProperties', () => {
  assert.equal(schema.type, 'object');
  assert.equal(schema.additionalProperties, undefined);
  checkDialect(schema);
});

test('schema top-level keys = validator keys = Policy interface keys', () => {
  const schemaKeys = Object.keys(schema.properties).sort();
  assert.deepEqual(schemaKeys, [...POLICY_KEYS].sort());
  const iface = typesSrc.match(/export interface Policy \{([\s\S]*?)\n\}/)[1];
  const ifaceKeys = [...iface.matchAll(/^\s+(\w+)\?:/gm)].map((m) => m[1]).sort();
  assert.deepEqual(ifaceKeys, schemaKeys);
  for (const k of schemaKeys) {
    assert.notEqual(validatePolicy({ [k]: Symbol('x') }).problems[0]?.code, 'unknown_key', `validator knows ${k}`);
  }
});

test('schema enumerations match the TS constants', () => {
  const p = schema.properties;
  assert.deepEqual(Object.keys(p.sites.properties), types.SITES);
  assert.deepEqual(Object.keys(p.categories.properties), types.CATEGORIES);
  assert.deepEqual(Object.keys(p.enforcement.properties), types.CATEGORIES);
  for (const c of types.CATEGORIES) assert.deepEqual(p.enforcement.properties[c].enum, ENFORCEMENTS);
  assert.deepEqual(p.underlineFrom.enum, SEVERITIES);
  assert.deepEqual(p.askBeforePostingFrom.enum, SEVERITIES);
  const rule = p.customRules.items.properties;
  assert.deepEqual(Object.keys(rule).sort(), ['category', 'id', 'message', 'pattern', 'severity', 'terms']);
  assert.deepEqual(rule.category.enum, types.CATEGORIES);
  assert.deepEqual(rule.severity.enum, SEVERITIES);
  // CustomRule fields the checker accepts (crate/src/wasm.rs's .d.ts) are the same
  const cr = checkerTypesSrc.match(/interface CustomRule \{([^}]*)\}/)[1];
  assert.deepEqual([...cr.matchAll(/(\w+)\??:/g)].map((m) => m[1]).sort(), Object.keys(rule).sort());
  assert.equal(p.communicationLevel.minimum, 1);
  assert.equal(p.communicationLevel.maximum, 5);
});

test('a full policy conforms to the schema and validates without problems', () => {
  const full = {
    sites: { x: { enabled: true, locked: true }, facebook: { enabled: false } },
    categories: { client_data: { enabled: true, locked: true } },
    enforcement: { client_data: 'block', advice: 'confirm' },
    underlineFrom: 'hint',
    askBeforePostingFrom: 'warning',
    allowList: ['+46 8 123 45 67'],
    customRules: [{ id: 'mrn', category: 'client_data', severity: 'critical', pattern: '\\bMRN\\d{7}\\b', message: 'Record number' }],
    allowOverride: false,
    allowPause: false,
    communicationLevel: 3,
    clientList: true,
  };
  assert.deepEqual(conforms(schema, full), []);
  assert.deepEqual(validatePolicy(full).problems, []);
  assert.ok(conforms(schema, { allowOverride: 'yes' }).length > 0, 'the schema checker can fail');
});

test('the ready policy files in docs/deploy conform and validate', () => {
  const dir = join(root, 'docs/deploy');
  if (!existsSync(dir)) return;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  for (const f of files) {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    // Find the Bedside policy inside: 3rdparty.extensions.<id> (Chromium) or policies.3rdparty.Extensions.<id> (Firefox)
    const ext = doc['3rdparty']?.extensions ?? doc.policies?.['3rdparty']?.Extensions;
    if (!ext) continue;
    for (const [id, policy] of Object.entries(ext)) {
      assert.deepEqual(conforms(schema, policy), [], `${f} ${id}`);
      assert.deepEqual(validatePolicy(policy).problems, [], `${f} ${id}`);
    }
  }
});
