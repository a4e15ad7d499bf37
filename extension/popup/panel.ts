// The settings panel shared by the popup and the options page. Everything is local: it reads the
// merged settings, writes the user's choices to chrome.storage.local, and shows what the
// organisation's policy fixed as locked ("Set by your organisation").
import { CATEGORIES, LANGS, SITES } from '../src/shared/settings-types';
import type { Category, EffectiveSettings, Lang, Severity, Site, UserSettings } from '../src/shared/settings-types';
import type { I18n } from '../src/shared/i18n';
import { LANG_NAMES } from '../src/shared/i18n';
import { loadAll, saveUserSettings } from '../src/settings/index';
import { addClients, clearClients, parseClientList } from '../src/settings/clients';
import { loadAudit, thisWeekByCategory } from '../src/settings/audit';
import { ENFORCEMENTS, SEVERITIES } from '../src/settings/defaults';

const SITE_NAMES: Record<Site, string> = { x: 'X', facebook: 'Facebook', instagram: 'Instagram', linkedin: 'LinkedIn' };

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, any> = {}, ...kids: Array<Node | string | null | false>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') (el as any)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids) if (kid !== null && kid !== false) el.append(kid);
  return el;
}

export interface PanelState {
  effective: EffectiveSettings;
  user: UserSettings;
  clientCount: number;
  weekCounts: Record<string, number>;
}

export async function loadPanelState(): Promise<PanelState> {
  const { effective, user, clientCount } = await loadAll();
  return { effective, user, clientCount, weekCounts: thisWeekByCategory(await loadAudit()) };
}

export function renderPanel(i18n: I18n, s: PanelState, opts: { compact: boolean }): HTMLElement {
  const t = i18n.t;
  const e = s.effective;
  const isLocked = (k: string) => e.locked.includes(k);
  const lockBadge = (k: string) => (isLocked(k) ? h('span', { class: 'locked', 'data-locked': k, title: t('ui_locked') }, t('ui_locked')) : null);
  const save = (patch: UserSettings) => void saveUserSettings(patch);
  const root = h('div', { class: 'panel' });

  // Status: active / paused
  root.append(
    h('div', { class: 'status' },
      h('h1', {}, t('ui_title')),
      h('span', { id: 'status' }, e.active ? t('ui_active') : t('ui_paused')),
      e.userMayPause === false
        ? lockBadge('active')
        : h('button', { id: 'pause', onclick: () => save({ active: !e.active }) }, e.active ? t('ui_pause') : t('ui_resume')),
    ),
  );

  // Sites
  const sites = h('section', { id: 'sites' }, h('h2', {}, t('ui_sites')));
  for (const site of SITES) {
    sites.append(
      h('label', { class: 'row' },
        h('input', { type: 'checkbox', name: `sites.${site}`, checked: e.sites[site], disabled: isLocked(`sites.${site}`), onchange: (ev: Event) => save({ sites: { [site]: (ev.target as HTMLInputElement).checked } }) }),
        h('span', { class: 'name' }, SITE_NAMES[site]),
        lockBadge(`sites.${site}`),
      ),
    );
  }
  root.append(sites);

  // Categories: on/off, enforcement, this week's warnings
  const cats = h('section', { id: 'categories' }, h('h2', {}, t('ui_categories')));
  for (const cat of CATEGORIES) {
    const enfLocked = isLocked(`enforcement.${cat}`);
    cats.append(
      h('div', { class: 'row' },
        h('input', { type: 'checkbox', id: `cat-${cat}`, name: `categories.${cat}`, checked: e.categories[cat], disabled: isLocked(`categories.${cat}`), onchange: (ev: Event) => save({ categories: { [cat]: (ev.target as HTMLInputElement).checked } }) }),
        h('label', { class: 'name', for: `cat-${cat}` }, t(`ui_cat_${cat}`)),
        h('span', { class: 'count', title: t('ui_week_counts'), 'data-week-count': cat }, String(s.weekCounts[cat] ?? 0)),
      ),
      h('div', { class: 'row' },
        h('span', { class: 'name muted' }, t('ui_enforcement')),
        select(`enforcement.${cat}`, ENFORCEMENTS.map((v) => [v, t(`ui_enf_${v}`)]), e.enforcement[cat], enfLocked, (v) => save({ enforcement: { [cat]: v as any } })),
        lockBadge(`enforcement.${cat}`) ?? lockBadge(`categories.${cat}`),
      ),
    );
  }
  root.append(cats);

  // Strictness
  const sevOpts = SEVERITIES.map((v) => [v, t(`ui_sev_${v}`)] as [string, string]);
  root.append(
    h('section', { id: 'strictness' },
      h('h2', {}, t('ui_strictness')),
      h('div', { class: 'row' }, h('span', { class: 'name' }, t('ui_underline_from')), select('underlineFrom', sevOpts, e.underlineFrom, isLocked('underlineFrom'), (v) => save({ underlineFrom: v as Severity })), lockBadge('underlineFrom')),
      h('div', { class: 'row' }, h('span', { class: 'name' }, t('ui_ask_from')), select('askBeforePostingFrom', sevOpts, e.askBeforePostingFrom, isLocked('askBeforePostingFrom'), (v) => save({ askBeforePostingFrom: v as Severity })), lockBadge('askBeforePostingFrom')),
    ),
  );

  // Language (default: the browser's)
  root.append(
    h('section', { id: 'language' },
      h('div', { class: 'row' }, h('span', { class: 'name' }, t('ui_language')), select('uiLang', LANGS.map((l) => [l, LANG_NAMES[l]]), e.uiLang, false, (v) => save({ uiLang: v as Lang }))),
    ),
  );

  // Allow-list: organisation's (locked) + user's
  const userList = s.user.allowList ?? [];
  const termInput = h('input', { type: 'text', name: 'allowTerm', placeholder: t('ui_allow_placeholder'), maxLength: 200 });
  const addTerm = () => {
    const v = termInput.value.trim();
    if (v && !userList.includes(v)) save({ allowList: [...userList, v] });
    termInput.value = '';
  };
  termInput.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') addTerm(); });
  root.append(
    h('section', { id: 'allow' },
      h('h2', {}, t('ui_allow_list')),
      h('ul', { class: 'terms' },
        ...(e.orgAllowList ?? []).map((term) => h('li', { 'data-org': '' }, h('span', {}, term), h('span', { class: 'locked' }, t('ui_locked')))),
        ...userList.map((term) => h('li', {}, h('span', {}, term), h('button', { onclick: () => save({ allowList: userList.filter((x) => x !== term) }) }, t('ui_remove')))),
      ),
      h('div', { class: 'row' }, termInput, h('button', { id: 'allow-add', onclick: addTerm }, t('ui_add'))),
    ),
  );

  // Client list: count only
  const clients = h('section', { id: 'clients' }, h('h2', {}, t('ui_clients')));
  if (!e.clientListEnabled) {
    clients.append(h('p', { class: 'muted' }, t('ui_clients_off')), lockBadge('clientList') ?? '');
  } else {
    const nameInput = h('input', { type: 'text', name: 'clientName', placeholder: t('ui_clients_placeholder'), autocomplete: 'off', spellcheck: false });
    const msg = h('span', { class: 'muted', id: 'client-msg' });
    const addOne = async () => {
      const { entries } = parseClientList(nameInput.value.replace(/[\r\n]+/g, ' '));
      nameInput.value = '';
      if (entries.length) {
        await addClients(entries);
        msg.textContent = t('ui_clients_added');
      }
    };
    nameInput.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') void addOne(); });
    const clearArea = h('div', { class: 'row' });
    const clearBtn = h('button', { class: 'danger', id: 'clients-clear', disabled: s.clientCount === 0 }, t('ui_clients_clear'));
    clearBtn.addEventListener('click', () => {
      clearArea.replaceChildren(
        h('span', { class: 'name' }, t('ui_clients_clear_confirm')),
        h('button', { class: 'danger', id: 'clients-clear-confirm', onclick: () => void clearClients() }, t('ui_clients_clear')),
        h('button', { onclick: () => clearArea.replaceChildren(clearBtn) }, t('guard_cancel')),
      );
    });
    clearArea.append(clearBtn);
    clients.append(
      h('p', { id: 'client-count' }, t('ui_clients_count', s.clientCount)),
      h('div', { class: 'row' }, nameInput, h('button', { id: 'client-add', onclick: () => void addOne() }, t('ui_add'))),
      msg,
      h('p', { class: 'muted' }, t('ui_clients_note')),
      opts.compact ? h('p', {}, h('a', { href: 'options.html#import', target: '_blank', id: 'import-link' }, t('ui_clients_import'))) : '',
      clearArea,
    );
  }
  root.append(clients);
  if (opts.compact) root.append(h('p', {}, h('a', { href: 'options.html', target: '_blank', id: 'more' }, t('ui_more'))));
  return root;
}

function select(name: string, options: Array<[string, string]>, value: string, disabled: boolean, onChange: (v: string) => void): HTMLSelectElement {
  const el = h('select', { name, disabled, onchange: (ev: Event) => onChange((ev.target as HTMLSelectElement).value) });
  for (const [v, label] of options) el.append(h('option', { value: v, selected: v === value }, label));
  return el;
}

export type { Category };
