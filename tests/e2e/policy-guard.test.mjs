// The follow guard on each site's fixture: a Follow / Add friend / Connect on a listed client is
// stopped with an explanation; a non-client passes at once. The client list added through the
// popup is never in storage in readable form.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOverlay, launch, overlay, until } from './harness.mjs';
import { FOLLOW_CARDS, addClients, addFollowCards } from './helpers.mjs';

let b;
before(async () => {
  b = await launch();
  await addClients(b, ['Zebulon Quartermaine', '@zq_handle']);
});
after(async () => { await b?.close(); });

test('the client list is stored as salted hashes only', async () => {
  const all = await b.worker.evaluate(() => chrome.storage.local.get(null));
  const json = JSON.stringify(all).toLowerCase();
  for (const s of ['zebulon', 'quartermaine', 'zq_handle', 'zebul', 'quarterm']) assert.ok(!json.includes(s), s);
  assert.equal(all.clients.count, 2);
  assert.match(all.clients.salt, /^[0-9a-f]{32}$/);
  assert.ok(all.clients.hashes.every((h) => /^[0-9a-f]{64}$/.test(h)));
});

for (const host of Object.keys(FOLLOW_CARDS)) {
  test(`${host}: the guard stops following a client and passes a non-client`, async () => {
    const page = await b.open(host);
    await addFollowCards(page, host, [['client', 'Zebulon Quartermaine', host === 'www.instagram.com' ? 'zq_handle' : 'zebulon.q'], ['other', 'Mira Holt', 'mira_holt']]);
    const followed = () => page.evaluate(() => window.__followed);
    const btn = (id) => `#${id} button, #${id} [role=button]`;

    await page.click(btn('other'));
    assert.deepEqual(await followed(), ['other'], 'non-client passes at once');
    assert.ok(!(await overlay(page)).some((i) => i.kind === 'guard'));

    await page.click(btn('client'));
    const dialog = await until(async () => (await overlay(page)).find((i) => i.kind === 'guard' && i.visible), { message: 'guard dialog' });
    assert.match(dialog.text, /client list/);
    assert.deepEqual(await followed(), ['other'], 'the site did not see the click');
    await clickOverlay(page, 'guard-button', 'cancel');
    await until(async () => !(await overlay(page)).some((i) => i.kind === 'guard'), { message: 'closed' });
    assert.deepEqual(await followed(), ['other']);

    await page.click(btn('client'));
    await until(async () => (await overlay(page)).find((i) => i.kind === 'guard' && i.visible), { message: 'guard dialog again' });
    await clickOverlay(page, 'guard-button', 'continue');
    await until(async () => (await followed()).includes('client'), { message: 'replayed follow' });
    await page.close();
  });
}
