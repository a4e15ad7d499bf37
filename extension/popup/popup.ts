// The toolbar popup: the settings panel in the user's chosen language, re-rendered whenever
// settings, the client list, the counters or the organisation's policy change.
import { createI18n } from '../src/shared/i18n';
import { POPUP } from '../src/shared/ui-strings';
import { GUARD } from '../src/shared/guard-strings';
import { loadPanelState, renderPanel } from './panel';

const i18n = createI18n(POPUP, GUARD);
const app = document.getElementById('app')!;

async function render(): Promise<void> {
  const state = await loadPanelState();
  i18n.setLang(state.effective.uiLang);
  document.documentElement.lang = state.effective.uiLang;
  app.replaceChildren(renderPanel(i18n, state, { compact: true }));
}

chrome.storage.onChanged.addListener((changes, area) => {
  // Don't wipe a half-typed entry just because a counter moved.
  const typing = document.activeElement instanceof HTMLInputElement && document.activeElement.value !== '';
  if (area === 'local' && typing && Object.keys(changes).every((k) => k === 'audit')) return;
  void render();
});
void render();
