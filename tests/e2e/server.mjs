// A local HTTPS server that serves the fixture pages under the real hostnames (Chromium maps them
// here with --host-resolver-rules). Each page is built with esbuild on the real editor library and
// served with a strict CSP like the real sites': no 'unsafe-eval', no 'wasm-unsafe-eval'.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

export const SITES = {
  'x.com': { site: 'x', entry: 'x.jsx', css: ['node_modules/draft-js/dist/Draft.css'] },
  'www.facebook.com': { site: 'facebook', entry: 'facebook.js', css: [] },
  'www.instagram.com': { site: 'instagram', entry: 'instagram.jsx', css: [] },
  'www.linkedin.com': { site: 'linkedin', entry: 'linkedin.js', css: ['node_modules/quill/dist/quill.core.css'] },
};

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

async function bundle(entry) {
  const result = await build({
    entryPoints: [join(here, 'fixtures', entry)],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome116',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

function page(host, css) {
  const styles = css.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${host}</title>
<style>${styles}
body{font:15px/20px sans-serif;margin:20px;width:600px}
[contenteditable],textarea,.ql-editor{border:1px solid #ccc;padding:6px;margin:8px 0;outline:none}
.ql-editor{min-height:40px}
/* As on the real sites, composers sit in stacked layers: modals with a z-index and an opaque background. */
[role=dialog],.share-creation-state__text-editor{position:relative;z-index:1;background:#fff}
</style></head><body><div id="root"></div><script src="/app.js"></script></body></html>`;
}

/** Starts the server; resolves to { port, requests, close }. `requests` logs every request. */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'bedside-cert-'));
  const names = Object.keys(SITES);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=x.com',
    '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`], { stdio: 'ignore' });
  const key = readFileSync(join(dir, 'key.pem'));
  const cert = readFileSync(join(dir, 'cert.pem'));
  rmSync(dir, { recursive: true, force: true });

  const bundles = {};
  for (const [host, s] of Object.entries(SITES)) bundles[host] = await bundle(s.entry);

  const requests = [];
  const server = createServer({ key, cert }, (req, res) => {
    const host = (req.headers.host || '').replace(/:\d+$/, '');
    requests.push({ host, url: req.url });
    const s = SITES[host];
    const headers = { 'content-security-policy': CSP, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    const path = req.url.split('?')[0];
    if (!s) { res.writeHead(404, headers); res.end(); return; }
    if (path === '/app.js') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
      res.end(bundles[host]);
    } else if (path === '/' || path.startsWith('/compose') || path.startsWith('/messages')
      // Profile pages (the follow guard's notice): /<handle> on X, Facebook and Instagram, /in/<slug>/ on LinkedIn.
      || /^\/[A-Za-z0-9_]+\/?$/.test(path) || /^\/in\/[A-Za-z0-9_-]+\/?$/.test(path)) {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(page(host, s.css));
    } else {
      res.writeHead(404, headers);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { port: server.address().port, requests, close: () => new Promise((r) => server.close(r)) };
}
