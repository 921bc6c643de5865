// The installed package, as she would use it: /usr/bin/attune makes a vault, the window from
// the desktop entry's command opens on the unlock screen and unlocks it, a second launch hands over to the
// first window and exits, and the window's size is remembered after quitting.
// Run by scripts/package-check.sh after `apt-get install ./attune_*.deb`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP, CLI, clickWhenEnabled, openApp, recording, screenshot, shown, suite, typeInto } from '../harness.mjs';

const PASSPHRASE = 'tern meadow flint 90';
const ctx = suite({ passphrase: PASSPHRASE });

test('the installed window opens on the unlock screen, once, and remembers its size', () =>
  recording(() => ctx.browser, 'package', async () => {
    assert.equal(APP, '/usr/bin/attune-desktop', 'the test drives the installed window');
    assert.match(execFileSync(CLI, ['--version'], { encoding: 'utf8' }), /^attune \d+\.\d+\.\d+/, 'attune is on the PATH with its version');

    const browser = (ctx.browser = await openApp());
    await shown(browser, '#unlock-passphrase', 'the unlock screen', 30_000);
    await screenshot(browser, '60-installed-unlock');

    // A second launch (a double click on the icon) hands over to the running window and exits.
    const second = spawnSync(APP, [], { env: ctx.home.env, timeout: 20_000 });
    assert.equal(second.error, undefined, `the second launch exited by itself (${second.error})`);
    assert.equal(second.status, 0, 'the second launch exits quietly');
    assert.ok(await (await browser.$('#unlock-passphrase')).isDisplayed(), 'the first window is still there');

    // The vault the installed command line made opens in the installed window.
    await typeInto(browser, '#unlock-passphrase', PASSPHRASE, 'unlock passphrase');
    await clickWhenEnabled(browser, '#unlock-submit', 'Unlock');
    await shown(browser, '#lock-button', 'the shell after unlocking the vault /usr/bin/attune made', 30_000);

    // Her window size is remembered: resize, quit from the menu (Ctrl+Q), find it saved.
    await browser.setWindowRect(null, null, 1000, 700);
    await sleep(500);
    const id = execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^Attune$'], { encoding: 'utf8' }).trim().split('\n')[0];
    execFileSync('xdotool', ['windowfocus', '--sync', id]);
    execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+q']);
    const state = join(ctx.home.env.XDG_CONFIG_HOME, 'app.attune.desktop', '.window-state.json');
    const deadline = Date.now() + 10_000;
    while (!existsSync(state) && Date.now() < deadline) await sleep(200);
    assert.ok(existsSync(state), `the window's size and place were saved in ${state}`);
    const saved = JSON.parse(readFileSync(state, 'utf8')).main;
    assert.ok(saved && saved.width > 0 && saved.height > 0, `a size was saved: ${JSON.stringify(saved)}`);
  }));
