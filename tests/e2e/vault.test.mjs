// The foundation's story in the real window: create a vault, fill the practice profile, lock,
// fail with a wrong passphrase, unlock with the right one, and find the profile as saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clickWhenEnabled, openApp, screenshot, shown, suite, textIn, typeInto,
} from './harness.mjs';

const PASSPHRASE = 'quiet harbour lantern 1987';
const PROFILE = {
  provider_name: 'Dana Whitfield',
  credentials: 'PhD, LMFT',
  ein: '12-3456789',
  license_number: 'LMFT 104233',
  license_state: 'or',
  taxonomy_code: '101YM0800X',
  address_line1: '2211 NE Alberta St',
  city: 'Portland',
  state: 'OR',
  postal_code: '97211',
  phone: '503-555-0142',
};
const CANARY = 'Zoë-Canary-Þórunn';

const ctx = suite();

test('create, fill the profile, lock, wrong then right passphrase, profile kept', async () => {
  const browser = (ctx.browser = await openApp());
  const { home } = ctx;

  // First run: no vault yet, so the create form.
  await shown(browser, '#create-form', 'the Create vault form');
  await typeInto(browser, '#create-passphrase', 'short', 'passphrase field');
  await textIn(browser, '#create-strength', 'Too short', 'the strength hint for a short passphrase');
  await typeInto(browser, '#create-passphrase', PASSPHRASE, 'passphrase field');
  await textIn(browser, '#create-strength', '.', 'the strength hint');
  await typeInto(browser, '#create-confirm', PASSPHRASE.replace('1987', '1988'), 'confirmation field');
  await textIn(browser, '#create-confirm-problem', 'not the same', 'the mismatch message');
  assert.equal(await (await browser.$('#create-submit')).isEnabled(), false, 'Create must wait for matching passphrases');
  await typeInto(browser, '#create-confirm', PASSPHRASE, 'confirmation field');
  await screenshot(browser, '01-create-vault');
  await clickWhenEnabled(browser, '#create-submit', 'the Create vault button');

  // The shell, with its navigation and the Lock button.
  await shown(browser, '#lock-button', 'the Lock button', 30_000);
  await textIn(browser, '#today-sessions', 'No sessions today.', 'the dashboard of a new vault');
  await textIn(browser, '#attention-backup', 'never been backed up', 'the backup reminder of a new vault');
  assert.ok(existsSync(join(home.vaultDir, 'vault.db')), 'the vault is in the platform data folder');
  await screenshot(browser, '02-shell-dashboard');
  await (await shown(browser, '#nav-billing', 'the billing link')).click();
  await textIn(browser, '#balances', 'Nothing charged yet.', 'the billing screen of a new vault');
  await (await shown(browser, '#nav-sessions', 'the sessions link')).click();
  await textIn(browser, '#no-sessions', 'No sessions from ', 'the empty sessions list, naming its weeks');

  // Settings: the practice profile, with the NPI check digit checked as she types.
  await (await shown(browser, '#nav-settings', 'the Settings link')).click();
  await shown(browser, '#profile-form', 'the practice profile form');
  await typeInto(browser, '#profile-npi', '1234567890', 'NPI field');
  await (await browser.$('#profile-ein')).click(); // leave the field
  await textIn(browser, '#problem-npi', 'last digit', 'the NPI check-digit problem');
  await screenshot(browser, '03-settings-npi-problem');
  await typeInto(browser, '#profile-npi', '1234567893', 'NPI field');
  await browser.waitUntil(async () => !(await (await browser.$('#problem-npi')).isExisting()), {
    timeout: 10_000,
    timeoutMsg: 'the NPI problem stayed after a valid NPI was typed',
  });
  for (const [field, value] of Object.entries(PROFILE)) {
    await typeInto(browser, `#profile-${field}`, value, `${field} field`);
  }
  await typeInto(browser, '#profile-address_line2', CANARY, 'suite field');
  await clickWhenEnabled(browser, '#profile-save', 'Save profile');
  await textIn(browser, '#profile-saved', 'Saved', 'the saved confirmation');
  await screenshot(browser, '04-settings-profile-saved');

  // Lock: back to the unlock screen, and nothing readable on disk.
  await (await shown(browser, '#lock-button', 'the Lock button')).click();
  await shown(browser, '#unlock-form', 'the unlock form');
  for (const file of ['vault.db', 'vault.db-wal', 'key.age']) {
    const path = join(home.vaultDir, file);
    if (existsSync(path)) {
      assert.ok(!readFileSync(path).includes(Buffer.from(CANARY)), `${file} holds the canary in plain text`);
    }
  }

  // A wrong passphrase: a clear sentence, still locked.
  await typeInto(browser, '#unlock-passphrase', 'quiet harbour lantern 1988', 'unlock passphrase');
  await clickWhenEnabled(browser, '#unlock-submit', 'Unlock');
  const err = await textIn(browser, '#unlock-error', 'passphrase', 'the wrong-passphrase message', 30_000);
  assert.match(await err.getText(), /^[A-Z].*\.$/s, 'the message is a sentence');
  assert.equal(await (await browser.$('#lock-button')).isExisting(), false, 'a wrong passphrase must not unlock');
  await screenshot(browser, '05-unlock-wrong-passphrase');

  // The right one: the profile is as saved (codes normalised to capitals).
  await typeInto(browser, '#unlock-passphrase', PASSPHRASE, 'unlock passphrase');
  await screenshot(browser, '06-unlock');
  await clickWhenEnabled(browser, '#unlock-submit', 'Unlock');
  await shown(browser, '#lock-button', 'the Lock button after unlocking', 30_000);
  await (await shown(browser, '#nav-settings', 'the Settings link')).click();
  const name = await shown(browser, '#profile-provider_name', 'the provider name field');
  await browser.waitUntil(async () => (await name.getValue()) === PROFILE.provider_name, {
    timeout: 10_000,
    timeoutMsg: 'the saved provider name did not come back after unlocking',
  });
  assert.equal(await (await browser.$('#profile-npi')).getValue(), '1234567893');
  assert.equal(await (await browser.$('#profile-license_state')).getValue(), 'OR');
  assert.equal(await (await browser.$('#profile-address_line2')).getValue(), CANARY);
  await screenshot(browser, '07-settings-after-unlock');
});
