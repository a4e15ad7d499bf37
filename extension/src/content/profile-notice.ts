// A quiet notice on the profile page of someone on the client list: no dialog, no blocking, just
// a reminder in a corner (closed shadow root, so the page can't read it).
import type { I18n } from '../shared/i18n';

export function showProfileNotice(i18n: I18n): void {
  const host = document.createElement('bedside-overlay');
  host.style.cssText = 'all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483646;';
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.dataset.b = 'notice';
  box.setAttribute('role', 'status');
  box.style.cssText = 'font:13px/1.4 system-ui,sans-serif;background:#fffbe6;color:#3d3200;border:1px solid #e0c96b;border-radius:8px;padding:8px 12px;max-width:320px;box-shadow:0 2px 10px rgba(0,0,0,.15);display:flex;gap:10px;align-items:flex-start';
  const text = document.createElement('span');
  text.textContent = i18n.t('guard_notice');
  const close = document.createElement('button');
  close.textContent = '×';
  close.title = i18n.t('guard_dismiss');
  close.setAttribute('aria-label', i18n.t('guard_dismiss'));
  close.dataset.b = 'notice-close';
  close.style.cssText = 'all:unset;cursor:pointer;font-size:16px;line-height:1';
  close.addEventListener('click', () => host.remove());
  box.append(text, close);
  root.append(box);
  const attach = () => (document.body ?? document.documentElement).append(host);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attach, { once: true });
  else attach();
}
