// "Failure is visible" (issue 4): a copy of the built extension whose WASM file is damaged. The
// checker cannot load; the badge beside the box says so, typing still reaches the editor's model
// untouched, no underline is drawn and Post is not held up by a verdict that will never come.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXT, launch, overlay, until } from './harness.mjs';
import { model, posted, underlines } from './helpers.mjs';

const ED = "[data-testid='tweetTextarea_0']";
let s;
let dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bedside-broken-'));
  cpSync(EXT, dir, { recursive: true });
  // Not a WebAssembly module at all: compiling it fails in the service worker.
  writeFileSync(join(dir, 'bedside_bg.wasm'), Buffer.from('this is not wasm'));
  s = await launch({ extensionDir: dir });
});
after(async () => {
  await s?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a checker that cannot load shows an error badge; typing and posting still work', async () => {
  const page = await s.open('x.com');
  await page.click(ED);
  const typed = 'We offer guaranteed results to every patient.';
  await page.keyboard.type(typed);
  const badge = await until(
    async () => (await overlay(page)).find((i) => i.kind === 'badge' && i.attrs['data-state'] === 'error'),
    { message: 'error badge' },
  );
  assert.ok(badge.visible, 'the error badge is visible');
  assert.ok(badge.text.trim().length > 0, 'the error badge says something');
  assert.equal(await model(page, 'x-compose'), typed, 'Draft holds exactly the typed text');
  assert.deepEqual(await underlines(page), [], 'no underline without a checker');
  await page.click("[data-testid='tweetButtonInline']");
  await until(async () => (await posted(page)).length === 1, { message: 'the post went through' });
  await page.close();
});
