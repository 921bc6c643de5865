// "Open demo practice" on the first screen: a believable practice in a temporary folder, its
// passphrase on screen, and that passphrase unlocks it again after locking. On the way it prints
// how long the window takes for what the benches time in the core (benches/chart.rs, typing.rs,
// dashboard.rs): a chart opened, results for a search typed, the dashboard after unlocking;
// each figure includes WebDriver's own round trips (tens of milliseconds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickWhenEnabled, openApp, recording, screenshot, shown, suite, textIn, typeInto } from './harness.mjs';

const ctx = suite();

/** Runs `step` and prints how long it took, as the window saw it. */
async function timed(what, step) {
  const started = performance.now();
  const result = await step();
  console.log(`timing: ${what}: ${Math.round(performance.now() - started)} ms`);
  return result;
}

test('open the demo practice, look around, lock and unlock it', () =>
  recording(() => ctx.browser, 'demo', async () => {
    const browser = (ctx.browser = await openApp());
    await shown(browser, '#create-form', 'the first screen (no vault yet)');
    await clickWhenEnabled(browser, '#open-demo', 'Open demo practice');
    const banner = await textIn(browser, '#demo-banner', 'demo practice', 'the demo banner with its passphrase', 30_000);
    const passphrase = (await (await banner.$('strong')).getText()).trim();
    assert.match(passphrase, /^demo practice \d{4} \d{4}$/);
    assert.match(await banner.getText(), /attune-demo-/, 'it lives in a temporary folder');

    await (await shown(browser, '#nav-clients', 'the Clients link')).click();
    for (const name of ['Rivera–Chen', 'Ñúñez–Okafor', 'Magnúsdóttir–Raman–Brooks', 'Okafor–Brooks']) {
      await textIn(browser, '#unit-list', name, `the demo's ${name}`);
    }
    const firstUnit = await shown(browser, '#unit-list button[data-unit]', 'a unit link');
    await timed('a chart opened (click to the chart shown)', async () => {
      await firstUnit.click();
      await shown(browser, '#unit-chart', 'a demo chart');
    });
    await screenshot(browser, '16-demo-chart');
    await clickWhenEnabled(browser, '#back-to-clients', 'All clients');
    const okafor = await browser.$('//ul[@id="unit-list"]//button[. = "Ñúñez–Okafor"]');
    await okafor.click();
    await textIn(browser, '#chart-alerts', "Sam's medical clearance expired", 'the expired clearance in the demo');
    await textIn(browser, '#chart-alerts', 'Sam has not signed the KAP informed consent.', 'the missing consent in the demo');
    await clickWhenEnabled(browser, '#back-to-clients', 'All clients');
    await timed('search results for "ri" typed in the search field', async () => {
      await typeInto(browser, '#client-search', 'ri', 'the search field');
      await textIn(browser, '#search-results', 'Rivera', 'a result for "ri"');
    });

    await (await shown(browser, '#lock-button', 'the Lock button')).click();
    await textIn(browser, '#welcome-notice', passphrase, 'the passphrase reminder on the unlock screen');
    await typeInto(browser, '#unlock-passphrase', passphrase, 'unlock passphrase');
    await timed('the dashboard after unlocking (click to its attention list shown)', async () => {
      await clickWhenEnabled(browser, '#unlock-submit', 'Unlock');
      await shown(browser, '#attention-title', 'the dashboard, unlocked again', 30_000);
    });
    await shown(browser, '#demo-banner', 'the demo, unlocked again', 30_000);
  }));
