// A keyboard-only walk through the demo practice, as a therapist who does not use a mouse:
// unlock, Ctrl+K to a relationship, book a dosing, start the clock, mark a dose, write in the
// note, end (it asks once), sign. Every step is a key press; the test only reads the page to
// know when to press the next key. Help lists every shortcut (F1), and the skip link works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, openApp, recording, screenshot, shown, suite, textIn } from './harness.mjs';

const PASSPHRASE = 'kestrel lantern oak 58';
const ctx = suite();

/** Whether the focused element matches `selector`. */
async function focusedIs(browser, selector) {
  return browser.execute((sel) => document.activeElement?.matches(sel) ?? false, selector);
}

/** Presses Tab (or Shift+Tab) until `selector` has the focus, as a keyboard user would. */
async function tabTo(browser, selector, what, { back = false, most = 80 } = {}) {
  for (let i = 0; i < most; i++) {
    if (await focusedIs(browser, selector)) return i;
    await browser.keys(back ? ['Shift', 'Tab'] : ['Tab']);
  }
  throw new Error(`${what} (${selector}) never took the focus in ${most} presses of Tab`);
}

/** Types text into the focused field, key by key (WebDriver's element send keys, no mouse). */
async function type(browser, text) {
  const focused = await browser.$(() => document.activeElement);
  await focused.addValue(text);
}

/** Chooses an option of the focused select by typing the start of its label (type-ahead). */
async function chooseByTyping(browser, selector, label, value, what) {
  await browser.keys([...label]);
  const got = await (await browser.$(selector)).getValue();
  assert.equal(got, value, `${what}: typing "${label}" on the focused list chose ${value}`);
}

test('unlock, Ctrl+K, book, start, mark, write, end and sign without a mouse', () =>
  recording(() => ctx.browser, 'keyboard', async () => {
    cli(ctx.home.env, ['demo'], PASSPHRASE);
    const browser = (ctx.browser = await openApp());

    // Unlock: the passphrase field has the focus; Enter submits.
    await shown(browser, '#unlock-passphrase', 'the unlock screen', 30_000);
    await tabTo(browser, '#unlock-passphrase', 'the passphrase field');
    await type(browser, PASSPHRASE);
    await browser.keys(['Enter']);
    await shown(browser, '#lock-button', 'the shell after unlocking', 30_000);
    await browser.waitUntil(() => focusedIs(browser, '#screen-title'), { timeout: 10_000, timeoutMsg: 'focus did not land on the heading after unlocking' });

    // From the top of the page, the first Tab stop is the skip link; Enter on it takes her
    // past the navigation to the screen's heading.
    await browser.execute(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    await browser.keys(['Tab']);
    assert.ok(await focusedIs(browser, '#skip-link'), 'the first Tab stop skips to the content');
    await browser.keys(['Enter']);
    assert.ok(await focusedIs(browser, '#screen-title'), 'the skip link lands on the heading');

    // F1: every shortcut, listed; Escape gives the focus back.
    await browser.keys(['F1']);
    const help = await textIn(browser, '#help-dialog', 'Ctrl+K', 'the shortcuts under Help');
    for (const key of ['Alt+1', 'Ctrl+L', 'Space', 'Shift+E', 'O (letter)']) assert.match(await help.getText(), new RegExp(key.replace(/[+()]/g, '\\$&')), `${key} is listed`);
    await screenshot(browser, '40-help-shortcuts');
    // About: the version, where the vault is, the licence.
    await tabTo(browser, '#help-about-tab', 'About Attune');
    await browser.keys(['Enter']);
    await textIn(browser, '#about-vault', ctx.home.vaultDir, 'the vault folder in About');
    assert.match(await (await shown(browser, '#about-version', 'the version')).getText(), /^\d+\.\d+\.\d+/, 'the version in About');
    await textIn(browser, '#about', 'AGPL-3.0-or-later', 'the licence in About');
    await screenshot(browser, '40-help-about');
    await browser.keys(['Escape']);
    await browser.waitUntil(async () => !(await browser.$('#help-dialog').isExisting()), { timeout: 5_000, timeoutMsg: 'Escape did not close Help' });

    // Ctrl+K to the demo couple's chart.
    await browser.keys(['Control', 'k']);
    await browser.waitUntil(() => focusedIs(browser, '#palette-input'), { timeout: 5_000, timeoutMsg: 'Ctrl+K did not open the palette with its field focused' });
    await type(browser, 'rivera');
    await textIn(browser, '#palette-list', 'Rivera–Chen', 'the couple in the palette');
    await screenshot(browser, '41-palette');
    // Arrow down past the screens to the relationship, then Enter.
    for (let i = 0; i < 10; i++) {
      const selected = await browser.$('#palette-list [aria-selected="true"]');
      if ((await selected.getAttribute('data-key'))?.startsWith('unit:')) break;
      await browser.keys(['ArrowDown']);
    }
    await browser.keys(['Enter']);
    await textIn(browser, '#chart-title', 'Rivera–Chen', 'the chart, opened from the palette', 20_000);

    // Book a dosing from the chart.
    await tabTo(browser, '#arc-book', 'Book a session');
    await browser.keys(['Enter']);
    await tabTo(browser, '#book-kind', 'the kind of session');
    await chooseByTyping(browser, '#book-kind', 'Dosing', 'dosing', 'kind');
    await tabTo(browser, '#book-transport', 'transport');
    await type(browser, 'Jordan drives them home');
    await tabTo(browser, '#book-save', 'Book');
    await browser.keys(['Enter']);
    await shown(browser, '#session-when', 'the booked session', 20_000);
    await browser.waitUntil(() => focusedIs(browser, '#session-title'), { timeout: 10_000, timeoutMsg: 'focus did not land on the session title after booking' });

    // A gate that does not hold needs her reason, typed.
    if (await browser.$('#gate-override').isExisting()) {
      await tabTo(browser, '#gate-override', 'the reason to start anyway');
      await type(browser, 'Reviewed with the prescriber today');
    }
    // Start is the first thing after the title; Space presses it.
    await tabTo(browser, '#clock-start', 'Start', { back: await browser.$('#gate-override').isExisting() });
    await browser.keys([' ']);
    await shown(browser, '#clock-pause', 'the running clock');
    // 1 chooses the first partner; D marks the dose given.
    await browser.keys(['1']);
    await browser.keys(['d']);
    await browser.waitUntil(async () => /\d/.test(await (await browser.$('button[data-mark="dose_given-0"]')).getText()), {
      timeout: 10_000,
      timeoutMsg: 'D did not mark the dose',
    });

    // The note, field by field: type, Tab to the next, until Tab leaves the note's fields.
    await tabTo(browser, '#note textarea[data-field]', 'the first note field');
    let fields = 0;
    while (await focusedIs(browser, '#note textarea[data-field]')) {
      await type(browser, `Written in the room, part ${++fields}.`);
      await browser.keys(['Tab']);
      // Fields of the note are not the only Tab stops between them: step over the rest.
      for (let i = 0; i < 4 && !(await focusedIs(browser, '#note textarea[data-field]')); i++) {
        if (await focusedIs(browser, '#note-sign')) break;
        await browser.keys(['Tab']);
      }
      if (fields > 40) break;
    }
    assert.ok(fields >= 6, `every note field was typed into (${fields})`);
    await textIn(browser, '#note-saved', 'Saved', 'the note saved');

    // Shift+E asks once; Enter on the focused answer ends it.
    await tabTo(browser, '#clock-pause', 'Pause', { back: true });
    await browser.keys(['Shift', 'E']);
    await browser.waitUntil(() => focusedIs(browser, '#clock-end-confirm'), { timeout: 5_000, timeoutMsg: 'Shift+E did not ask before ending' });
    await browser.keys(['Enter']);
    await textIn(browser, '#timer-therapy', 'ended', 'the ended clock');

    await tabTo(browser, '#note-sign', 'Sign note');
    await browser.keys(['Enter']);
    await textIn(browser, '#note-signed', 'This note can no longer change.', 'the signed note');
    await screenshot(browser, '42-keyboard-signed');

    // Alt+5 opens Settings; its section list jumps to a section and focuses its title.
    await browser.keys(['Alt', '5']);
    await shown(browser, '#settings-sections', 'the list of Settings sections');
    await tabTo(browser, 'a[data-section="backups"]', 'the Backups section link');
    await browser.keys(['Enter']);
    await browser.waitUntil(() => focusedIs(browser, '#settings-backups h2'), { timeout: 5_000, timeoutMsg: 'the Backups title did not take the focus' });
    await screenshot(browser, '43-settings-backups');
  }));
