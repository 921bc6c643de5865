// Auto-lock in the real window: with the setting at one minute and nobody touching anything,
// the vault locks itself and the window says so. Then cold starts to the unlock screen, timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickWhenEnabled, openApp, screenshot, shown, suite, textIn, typeInto } from './harness.mjs';

const PASSPHRASE = 'slow tide over basalt 33';
// A vault made by the command line must be the one the app finds: same default folder.
suite({ passphrase: PASSPHRASE });

test('the vault locks itself after the idle limit', async () => {
  const browser = await openApp();
  try {
    await typeInto(browser, '#unlock-passphrase', PASSPHRASE, 'unlock passphrase');
    await clickWhenEnabled(browser, '#unlock-submit', 'Unlock');
    await (await shown(browser, '#nav-settings', 'the Settings link', 30_000)).click();
    const minutes = await shown(browser, '#autolock-minutes', 'the auto-lock setting');
    await browser.waitUntil(async () => (await minutes.getValue()) === '10', {
      timeout: 10_000,
      timeoutMsg: 'the auto-lock setting did not show its default of 10 minutes',
    });
    await typeInto(browser, '#autolock-minutes', '1', 'auto-lock minutes');
    await clickWhenEnabled(browser, '#autolock-save', 'Save auto-lock');
    await textIn(browser, '#autolock-saved', 'Saved', 'the saved confirmation');
    const idleFrom = Date.now();

    // One minute of no input, then the idle poll (every 5 s) locks it: allow 100 s in all.
    await textIn(browser, '#welcome-notice', 'without activity', 'the auto-lock notice', 100_000);
    const lockedAfter = (Date.now() - idleFrom) / 1000;
    assert.ok(lockedAfter >= 55, `locked too early: after ${lockedAfter.toFixed(1)} s`);
    assert.equal(await (await browser.$('#lock-button')).isExisting(), false);
    await shown(browser, '#unlock-form', 'the unlock form');
    await screenshot(browser, '08-auto-locked');
    console.log(`auto-lock: locked ${lockedAfter.toFixed(1)} s after the last input (limit 60 s, poll 5 s)`);
  } finally {
    await browser.deleteSession().catch(() => {});
  }
});

test('cold start to the unlock screen, five times', async () => {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const browser = await openApp();
    try {
      await shown(browser, '#unlock-passphrase', 'the unlock field', 30_000);
      times.push(performance.now() - t0);
    } finally {
      await browser.deleteSession().catch(() => {});
    }
  }
  times.sort((a, b) => a - b);
  const median = times[2];
  console.log(
    `cold start (new WebDriver session → unlock field shown), ms: ${times.map((t) => t.toFixed(0)).join(', ')}; median ${median.toFixed(0)}`,
  );
  assert.equal(times.length, 5);
});
