// Launches headless Debian Chromium with the built production extension (dist/chromium) and the
// fixture server behind the real hostnames. Also reads Bedside's closed shadow root through CDP
// (DOM.getDocument with pierce: true), so the product needs no test hook that pages could use.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { SITES, startServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// BEDSIDE_EXT: another build of the extension (benchmarks compare two builds, run by run).
export const EXT = process.env.BEDSIDE_EXT || join(here, '..', '..', 'dist', 'chromium');
export const EXT_ID = 'mbkfocibgakomjlefaddfnpcpiomejgp';

/**
 * Options: `extension: false` loads no unpacked extension; `rules` adds host-resolver MAP rules;
 * `backgroundNetworking: true` drops --disable-background-networking (which also turns off the
 * extension updater: the force-install test needs it, and every other host still maps nowhere).
 * `extensionDir` loads another copy of the built extension (same key, so the same ID). `args`: more
 * Chromium switches (the benchmark's unthrottled frames). `profile`: a user data directory to
 * start from again (kept on close).
 */
export async function launch({ extension = true, rules: extraRules = [], backgroundNetworking = false, extensionDir = EXT, args: extraArgs = [], profile = null } = {}) {
  if (extension && !existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} is missing: run ./build.sh first`);
  const server = await startServer();
  // `profile`: a user data directory to start from again (a browser restarted with its storage);
  // the caller removes it. Otherwise a fresh one, removed on close.
  const userDataDir = profile ?? mkdtempSync(join(tmpdir(), 'bedside-e2e-'));
  const rules = [...Object.keys(SITES).map((h) => `MAP ${h} 127.0.0.1:${server.port}`), ...extraRules, 'MAP * ~NOTFOUND'].join(', ');
  const args = [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-component-update', '--disable-sync',
    `--host-resolver-rules=${rules}`, '--ignore-certificate-errors',
  ];
  if (!backgroundNetworking) args.push('--disable-background-networking');
  args.push(...extraArgs);
  if (extension) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: false, // headless=new is passed above: extensions need it
    args,
    ignoreHTTPSErrors: true,
    viewport: { width: 1000, height: 800 },
    ignoreDefaultArgs: ['--disable-extensions', ...(backgroundNetworking ? ['--disable-background-networking'] : [])],
  });
  // Every request any part of the browser makes that Playwright sees (pages and the extension's
  // service worker); the fixture server logs what reaches it too.
  const browserRequests = [];
  context.on('request', (r) => browserRequests.push(r.url()));
  let worker = null;
  if (extension) {
    worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${EXT_ID}/`))
      || await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(`chrome-extension://${EXT_ID}/`), timeout: 15000 });
  }
  return {
    context, server, worker, browserRequests,
    async open(host, path = '/') {
      const page = await context.newPage();
      await page.goto(`https://${host}${path}`);
      await page.waitForFunction(() => window.__fixture && window.__fixture.ids().length > 0);
      return page;
    },
    async close() {
      await context.close();
      await server.close();
      if (!profile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Reads Bedside's overlay from its closed shadow root via CDP: underline boxes, badge, card and
 * dialog, as { kind, attrs, text, rect } objects.
 */
export async function overlay(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const found = [];
    const visit = (node, inBedside) => {
      const here = inBedside || (node.localName === 'bedside-overlay');
      if (inBedside && node.nodeType === 1 && node.attributes) {
        const attrs = {};
        for (let i = 0; i < node.attributes.length; i += 2) attrs[node.attributes[i]] = node.attributes[i + 1];
        if (attrs['data-b']) found.push({ nodeId: node.nodeId, backendNodeId: node.backendNodeId, attrs });
      }
      for (const c of node.children || []) visit(c, here);
      for (const s of node.shadowRoots || []) visit(s, here);
      if (node.contentDocument) visit(node.contentDocument, here);
    };
    visit(root, false);
    const out = [];
    for (const f of found) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: f.backendNodeId });
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: 'function(){const r=this.getBoundingClientRect();return {text:this.textContent,rect:{x:r.x,y:r.y,width:r.width,height:r.height},visible:r.width>0&&r.height>0&&getComputedStyle(this).visibility!=="hidden"&&getComputedStyle(this).display!=="none"};}',
        returnByValue: true,
      });
      await cdp.send('Runtime.releaseObject', { objectId: object.objectId });
      out.push({ kind: f.attrs['data-b'], attrs: f.attrs, ...result.value });
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

/** Clicks an element inside the overlay (closed shadow root) by its data-b kind and optional data-action. */
export async function clickOverlay(page, kind, action) {
  const items = await overlay(page);
  const it = items.find((i) => i.kind === kind && (!action || i.attrs['data-action'] === action) && i.visible);
  if (!it) throw new Error(`no visible ${kind}${action ? `/${action}` : ''} in the overlay: ${JSON.stringify(items.map((i) => [i.kind, i.attrs['data-action'], i.visible]))}`);
  await page.mouse.click(it.rect.x + it.rect.width / 2, it.rect.y + it.rect.height / 2);
  return it;
}

/** Polls until fn() returns a truthy value. */
export async function until(fn, { timeout = 5000, interval = 25, message = 'condition' } = {}) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeout) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${message}; last: ${JSON.stringify(last)}`);
}

/** The client rects of the first occurrence of `word` inside the editor, measured by the page. */
export async function wordRects(page, editorSelector, word, occurrence = 0) {
  return page.evaluate(({ editorSelector, word, occurrence }) => {
    const ed = document.querySelector(editorSelector);
    const walker = document.createTreeWalker(ed, NodeFilter.SHOW_TEXT);
    let n = 0;
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      let i = -1;
      while ((i = t.data.indexOf(word, i + 1)) >= 0) {
        if (n++ === occurrence) {
          const r = document.createRange();
          r.setStart(t, i);
          r.setEnd(t, i + word.length);
          return [...r.getClientRects()].map((q) => ({ x: q.x, y: q.y, width: q.width, height: q.height }));
        }
      }
    }
    return null;
  }, { editorSelector, word, occurrence });
}
