// Backups in the real window: the amber "never backed up" state, a folder, a recovery key
// shown once, Back up now (the `age` tool opens the file with that key), then a restore from
// that file that keeps the previous vault, and unlocking the restored one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clickWhenEnabled, openUnlocked, recording, screenshot, shown, suite, textIn, typeInto,
} from './harness.mjs';

const PASSPHRASE = 'amber lighthouse gravel 58';
const NEW_PASSPHRASE = 'second spring meadow 77';
const ctx = suite({ passphrase: PASSPHRASE });

test('back up to a folder with a recovery key, then restore from it', () => recording(() => ctx.browser, 'backup', async () => {
  const { home } = ctx;
  const usb = join(home.home, 'usb');
  mkdirSync(usb);
  const browser = await openUnlocked(ctx, PASSPHRASE);
  await (await shown(browser, '#nav-settings', 'the Settings link')).click();

  const summary = await textIn(browser, '#backup-summary', 'never been backed up', 'the backup state');
  assert.match(await summary.getAttribute('class'), /\bnotice\b/, 'never backed up shows in amber');
  await summary.scrollIntoView();
  await screenshot(browser, '09-backups-never');

  await typeInto(browser, '#backup-folder', usb, 'backup folder');
  await clickWhenEnabled(browser, '#backup-save', 'Save backup settings');
  await textIn(browser, '#backup-summary', 'Set up a recovery key', 'the state asking for a recovery key');

  await clickWhenEnabled(browser, '#recovery-create', 'Create recovery key');
  const keyEl = await shown(browser, '#recovery-key', 'the recovery key');
  const key = (await keyEl.getText()).replace(/\s+/g, '');
  assert.match(key, /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/, 'the whole key is shown');
  await (await browser.$('#recovery-panel')).scrollIntoView();
  await screenshot(browser, '10-recovery-key');
  await clickWhenEnabled(browser, '#recovery-done', 'I have written it down');
  assert.equal(await (await browser.$('#recovery-key')).isExisting(), false, 'the key is shown once');

  await clickWhenEnabled(browser, '#backup-now', 'Back up now');
  const fresh = await textIn(browser, '#backup-summary', 'Last backup today', 'the state after backing up', 60_000);
  assert.match(await fresh.getAttribute('class'), /\bfresh\b/);
  const files = readdirSync(usb).filter((f) => f.startsWith('attune-') && f.endsWith('.age'));
  assert.equal(files.length, 1, `one backup in the folder: ${files}`);
  await screenshot(browser, '11-backed-up');

  // The standard age tool opens it with the recovery key; inside is plain SQLite.
  const identity = join(home.home, 'recovery.txt');
  writeFileSync(identity, `${key}\n`);
  const plain = join(home.home, 'backup.sqlite');
  execFileSync('age', ['-d', '-i', identity, '-o', plain, join(usb, files[0])]);
  const tables = execFileSync('sqlite3', [plain, 'SELECT format FROM backup_manifest'], { encoding: 'utf8' });
  assert.equal(tables.trim(), 'attune-backup-1');

  // Restore that backup over the open vault, with the recovery key typed by hand.
  await (await shown(browser, '#restore summary', 'the restore section')).click();
  await typeInto(browser, '#restore-file', join(usb, files[0]), 'backup file');
  await typeInto(browser, '#restore-key', key.toLowerCase(), 'recovery key');
  await typeInto(browser, '#restore-passphrase', NEW_PASSPHRASE, 'new passphrase');
  await (await shown(browser, '#restore-confirm', 'the confirmation box')).click();
  await clickWhenEnabled(browser, '#restore-submit', 'Restore');
  const done = await textIn(browser, '#restore-done', 'Restored the backup', 'the restore confirmation', 60_000);
  assert.match(await done.getText(), /previous vault is kept in .*attune\.before-restore-/);
  await done.scrollIntoView();
  await screenshot(browser, '12-restored');

  // Locking backs up again (automatic, on lock); the restored vault opens with its passphrase.
  await (await shown(browser, '#lock-button', 'the Lock button')).click();
  await shown(browser, '#unlock-form', 'the unlock form', 60_000);
  await typeInto(browser, '#unlock-passphrase', NEW_PASSPHRASE, 'unlock passphrase');
  await clickWhenEnabled(browser, '#unlock-submit', 'Unlock');
  await shown(browser, '#lock-button', 'the shell after unlocking the restored vault', 30_000);
  const after = readdirSync(usb).filter((f) => f.startsWith('attune-') && f.endsWith('.age'));
  assert.ok(after.length >= 1 && after.some((f) => f !== files[0]), `a backup was made on lock: ${after}`);
}));
