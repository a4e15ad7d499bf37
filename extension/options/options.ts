// The options page: the full settings panel, client-list import (CSV or pasted, per-row errors),
// the audit counters with CSV export, and "Policy problems" (invalid values in the organisation's
// policy, with key and reason, while the rest applies).
import { createI18n, localizeDom } from '../src/shared/i18n';
import { OPTIONS, POPUP } from '../src/shared/ui-strings';
import { GUARD } from '../src/shared/guard-strings';
import type { PolicyProblem } from '../src/shared/settings-types';
import { loadAll } from '../src/settings/index';
import { addClients, parseClientList } from '../src/settings/clients';
import { loadAudit, toCsv } from '../src/settings/audit';
import { h, loadPanelState, renderPanel } from '../popup/panel';

const i18n = createI18n(POPUP, OPTIONS, GUARD);
const t = i18n.t;
const $ = (id: string) => document.getElementById(id)!;

/** The checker's own verdict on the policy (e.g. a pattern JS accepts but Rust regex does not). */
async function checkerProblems(): Promise<PolicyProblem[]> {
  try {
    const res = await chrome.runtime.sendMessage({ type: 'checkerProblems' });
    if (!Array.isArray(res)) return [];
    return res.map((p: string) => {
      const m = /^([^:]+): (?:invalid pattern: )?(.*)$/.exec(String(p));
      return { key: m ? m[1] : '(checker)', code: /pattern/.test(p) ? 'bad_regex' : 'bad_value', detail: m ? m[2] : String(p) } as PolicyProblem;
    });
  } catch {
    return [];
  }
}

function renderProblems(problems: PolicyProblem[]): void {
  const body = $('problems-body');
  if (problems.length === 0) {
    body.replaceChildren(h('p', { class: 'muted', id: 'problems-none' }, t('opt_problems_none')));
    return;
  }
  body.replaceChildren(
    h('p', { class: 'muted' }, t('opt_problems_help')),
    h('table', { id: 'problems-table' },
      h('tr', {}, h('th', {}, t('opt_problem_key')), h('th', {}, t('opt_problem_reason'))),
      ...problems.map((p) => h('tr', { 'data-key': p.key, 'data-code': p.code }, h('td', {}, h('code', {}, p.key)), h('td', {}, t(`policyProblem_${p.code}`) + (p.detail ? ` (${p.detail})` : '')))),
    ),
  );
}

async function renderAudit(): Promise<void> {
  const counts = await loadAudit();
  const rows = toCsv(counts).trim().split('\n').slice(1);
  $('audit-body').replaceChildren(
    rows.length === 0
      ? h('p', { class: 'muted' }, t('opt_audit_empty'))
      : h('table', {}, h('tr', {}, ...['week', 'site', 'category', 'event', 'count'].map((c) => h('th', {}, c))), ...rows.map((r) => h('tr', {}, ...r.split(',').map((c) => h('td', {}, c))))),
  );
}

async function render(): Promise<void> {
  const { problems, effective } = await loadAll();
  i18n.setLang(effective.uiLang);
  document.documentElement.lang = effective.uiLang;
  document.title = t('opt_title');
  localizeDom(document, i18n);
  // Invalid rules never reach the checker, so its problems are ones only Rust regex rejects.
  renderProblems([...problems, ...(await checkerProblems())]);
  $('panel').replaceChildren(renderPanel(i18n, await loadPanelState(), { compact: false }));
  $('import').hidden = !effective.clientListEnabled;
  await renderAudit();
}

$('import-file').addEventListener('change', async (ev) => {
  const file = (ev.target as HTMLInputElement).files?.[0];
  if (file) ($('import-text') as HTMLTextAreaElement).value = await file.text();
});

$('import-button').addEventListener('click', async () => {
  const area = $('import-text') as HTMLTextAreaElement;
  const { entries, errors } = parseClientList(area.value);
  // The names leave the page's memory as soon as they are hashed.
  area.value = '';
  ($('import-file') as HTMLInputElement).value = '';
  if (entries.length) await addClients(entries);
  $('import-result').textContent = t('opt_import_done', entries.length, errors.length);
  $('import-errors').replaceChildren(...errors.map((e) => h('li', { 'data-row': e.row }, t('opt_row', e.row, t(`opt_row_${e.code}`, e.detail ?? '')))));
});

$('audit-export').addEventListener('click', async () => {
  const blob = new Blob([toCsv(await loadAudit())], { type: 'text/csv' });
  const a = h('a', { href: URL.createObjectURL(blob), download: 'bedside-audit.csv' });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
});

chrome.storage.onChanged.addListener((changes, area) => {
  const typing = document.activeElement instanceof HTMLInputElement && document.activeElement.value !== '';
  if (area === 'local' && typing && Object.keys(changes).every((k) => k === 'audit')) return;
  void render();
});
void render();
