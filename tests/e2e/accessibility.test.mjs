// axe-core on every main screen of the demo practice, in the light theme and the dark one:
// any serious or critical violation fails the test; moderate and minor ones are listed in the
// output. The dark theme is the app's own `prefers-color-scheme: dark` rules, applied through
// the CSS object model (WebDriver cannot switch the system's theme of a WebKitGTK window).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cli, clickWhenEnabled, openUnlocked, recording, screenshot, shown, suite } from './harness.mjs';

const PASSPHRASE = 'heron quarry linen 73';
const ctx = suite();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The screens to check: how to reach each from the shell, and what shows it has loaded. */
const SCREENS = [
  { name: 'dashboard', open: ['#nav-dashboard'], ready: '#screen-dashboard' },
  { name: 'clients', open: ['#nav-clients'], ready: '#unit-list' },
  { name: 'chart', open: ['#nav-clients', '#unit-list button[data-unit]'], ready: '#unit-chart' },
  { name: 'sessions', open: ['#nav-sessions'], ready: '#screen-sessions' },
  { name: 'billing', open: ['#nav-billing'], ready: '#balances' },
  { name: 'settings', open: ['#nav-settings'], ready: '#clinical-form' },
];

/** Applies the stylesheet's dark rules unconditionally, as the system's dark setting would. */
async function darken(browser) {
  const applied = await browser.execute(() => {
    let count = 0;
    for (const sheet of Array.from(document.styleSheets)) {
      const dark = Array.from(sheet.cssRules).filter((r) => r instanceof CSSMediaRule && r.conditionText.includes('prefers-color-scheme: dark'));
      for (const media of dark) for (const rule of Array.from(media.cssRules)) sheet.insertRule(rule.cssText, sheet.cssRules.length) && count++;
    }
    return count;
  });
  assert.ok(applied > 0, 'the app has dark-theme rules to apply');
}

async function audit(browser) {
  const raw = await browser.executeAsync((done) => {
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      done(JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))),
    );
  });
  return JSON.parse(raw);
}

test('no serious or critical accessibility violation on any main screen, light or dark', () =>
  recording(() => ctx.browser, 'accessibility', async () => {
    cli(ctx.home.env, ['demo'], PASSPHRASE);
    const browser = await openUnlocked(ctx, PASSPHRASE);
    await browser.execute(AXE);
    const serious = [];
    for (const theme of ['light', 'dark']) {
      if (theme === 'dark') await darken(browser);
      for (const screen of SCREENS) {
        for (const step of screen.open) await clickWhenEnabled(browser, step, `${screen.name}: ${step}`);
        await shown(browser, screen.ready, `the ${screen.name} screen`, 20_000);
        const violations = await audit(browser);
        for (const v of violations) {
          const line = `${theme} ${screen.name}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.join('; ')})`;
          if (v.impact === 'serious' || v.impact === 'critical') serious.push(line);
          else console.log(`note: ${line}`);
        }
        await screenshot(browser, `50-a11y-${theme}-${screen.name}`);
      }
    }
    assert.deepEqual(serious, [], 'no serious or critical violation on any screen, in either theme');
  }));
