// The follow guard is armed from the user's own settings as soon as a page loads, not only once
// chrome.storage.managed has answered, which takes seconds in a browser's first seconds (measured
// 2.6 s from the content script on the first page). The browser is restarted for real, on the
// profile where the client list was added, and the client's Connect is clicked at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, overlay, until } from './harness.mjs';
import { addClients, addFollowCards, followed } from './helpers.mjs';

test('LinkedIn, first page after a browser start: Connect on a listed client is stopped at once', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'bedside-e2e-profile-'));
  try {
    const first = await launch({ profile });
    await addClients(first, ['Zebulon Quartermaine']);
    await first.close();

    const again = await launch({ profile });
    try {
      const t0 = Date.now();
      const page = await again.open('www.linkedin.com');
      await addFollowCards(page, 'www.linkedin.com', [['client', 'Zebulon Quartermaine', 'zebulon.q']]);
      await page.click('#client button, #client [role=button]');
      const shownAfter = Date.now() - t0;
      await until(async () => (await overlay(page)).find((i) => i.kind === 'guard' && i.visible), { message: `guard dialog (clicked ${shownAfter} ms after the browser's first page began)` });
      assert.deepEqual(await followed(page), [], 'the site did not see the click');
    } finally {
      await again.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
