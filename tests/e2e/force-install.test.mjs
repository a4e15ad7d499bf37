// Force-install for hospital fleets, for real: the built extension is packed into a CRX with the
// test key (ID pinned by the manifest "key"), served with a gupdate update manifest from a local
// server, and named in ExtensionSettings in /etc/chromium/policies/managed/ (present only while this
// test's browser runs; removed in `finally`). Chromium is started WITHOUT --load-extension; it must
// fetch the manifest and the CRX, install the extension from policy, and the extension must then
// run on a fixture page.
//
// Two things Chromium requires here (Debian Chromium 156, measured):
// - --disable-background-networking must be off: it also turns off the extension updater, so the
//   policy's update_url is never fetched. Every host other than the fixtures and the update host
//   still maps nowhere (--host-resolver-rules), so nothing leaves the machine.
// - Off-store force-install is allowed on Linux without any "managed device" check (Windows and
//   macOS require a domain-joined / MDM-enrolled machine for a non-webstore update_url).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXT, EXT_ID, launch, until } from './harness.mjs';
import { CLAIM, expectUnderlined } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const KEY = join(here, '..', 'fixtures', 'extension-key.pem');
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/bedside-forceinstall.json`;
const UPDATE_HOST = 'updates.bedside.test';
const ED = "[data-testid='tweetTextarea_0']";

/** Packs a copy of dist/chromium into a CRX3 signed with the test key; returns the CRX bytes. */
function packCrx(dir) {
  const src = join(dir, 'bedside');
  cpSync(EXT, src, { recursive: true });
  execFileSync('/usr/bin/chromium', ['--no-sandbox', '--headless=new', '--disable-gpu', `--pack-extension=${src}`, `--pack-extension-key=${KEY}`], { stdio: 'ignore', timeout: 60000 });
  const crx = readFileSync(join(dir, 'bedside.crx'));
  assert.equal(crx.subarray(0, 4).toString('latin1'), 'Cr24', 'a CRX file');
  assert.equal(crx.readUInt32LE(4), 3, 'CRX version 3');
  return crx;
}

/** Serves the update manifest and the CRX over HTTP; logs each request path. */
async function updateServer(crx, version) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = req.url.split('?')[0];
    requests.push(path);
    if (path === '/updates.xml') {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(`<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='${EXT_ID}'>
    <updatecheck codebase='http://${UPDATE_HOST}/bedside.crx' version='${version}' />
  </app>
</gupdate>`);
    } else if (path === '/bedside.crx') {
      res.writeHead(200, { 'content-type': 'application/x-chrome-extension', 'content-length': crx.length });
      res.end(crx);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { port: server.address().port, requests, close: () => new Promise((r) => server.close(r)) };
}

test('force-install: ExtensionSettings with a local update manifest installs Bedside, which then runs on a page', { timeout: 120000 }, async () => {
  assert.ok(existsSync(join(EXT, 'manifest.json')), 'dist/chromium is missing: run ./build.sh first');
  const { version } = JSON.parse(readFileSync(join(EXT, 'manifest.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'bedside-crx-'));
  let updates;
  let b;
  try {
    const crx = packCrx(dir);
    updates = await updateServer(crx, version);
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(POLICY_FILE, JSON.stringify({
      ExtensionSettings: { [EXT_ID]: { installation_mode: 'force_installed', update_url: `http://${UPDATE_HOST}/updates.xml` } },
    }));
    b = await launch({ extension: false, backgroundNetworking: true, rules: [`MAP ${UPDATE_HOST} 127.0.0.1:${updates.port}`] });

    // Chromium fetches the update manifest, then the CRX, and installs it.
    await until(() => updates.requests.includes('/bedside.crx'), { timeout: 30000, message: 'CRX downloaded' });
    assert.equal(updates.requests[0], '/updates.xml');

    // Installed from policy (not unpacked), enabled, at the served version.
    const internals = await b.context.newPage();
    const info = await until(async () => {
      await internals.goto('chrome://extensions-internals');
      const list = JSON.parse(await internals.locator('pre').first().textContent());
      return list.find((e) => e.id === EXT_ID) ?? false;
    }, { timeout: 20000, interval: 500, message: 'extension listed in chrome://extensions-internals' });
    assert.equal(info.location, 'EXTERNAL_POLICY_DOWNLOAD');
    assert.equal(info.registry_status, 'ENABLED');
    assert.equal(info.version, version);
    await internals.close();

    // It runs: on x.com its content script checks the draft and underlines the claim.
    const page = await b.context.newPage();
    await until(async () => {
      await page.goto('https://x.com/');
      await page.waitForFunction(() => window.__fixture && window.__fixture.ids().length > 0);
      await page.waitForTimeout(300);
      return page.evaluate(() => !!document.querySelector('bedside-overlay'));
    }, { timeout: 20000, interval: 250, message: 'content script on the page' });
    await page.click(ED);
    await page.keyboard.type(`Our clinic offers ${CLAIM} to all.`);
    await expectUnderlined(page, ED, CLAIM, 'guaranteed-results');
    await page.close();
  } finally {
    rmSync(POLICY_FILE, { force: true });
    await b?.close();
    await updates?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
