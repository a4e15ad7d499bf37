// The service worker hosts the checker: WASM may not run in content scripts on strict-CSP pages,
// but the extension's own CSP allows 'wasm-unsafe-eval'.
import init, { Checker } from '../../pkg/bedside.js';

let checker: Checker | null = null;
let loadError: string | null = null;

const ready: Promise<void> = init({ module_or_path: chrome.runtime.getURL('bedside_bg.wasm') })
  .then(() => {
    checker = new Checker({});
  })
  .catch((e: unknown) => {
    loadError = String(e);
  });

export async function checkerStatus(): Promise<{ ok: boolean; error: string | null }> {
  await ready;
  return { ok: checker !== null, error: loadError };
}

// Exposed for tests and the popup: a quick health check over a one-off message.
chrome.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
  if (msg?.type === 'status') {
    checkerStatus().then(sendResponse);
    return true;
  }
  return false;
});
