// Shared by the end-to-end tests: a private home folder, tauri-driver, a WebDriver session on
// the real attune-desktop window, bounded waits and screenshots.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before } from 'node:test';
import { remote } from 'webdriverio';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const APP = process.env.ATTUNE_APP ?? join(ROOT, 'target/debug/attune-desktop');
export const CLI = process.env.ATTUNE_CLI ?? join(ROOT, 'target/debug/attune');
export const SHOTS = join(ROOT, 'test-output/e2e');
const PORT = 4444;

/** A throwaway HOME and XDG folders, so the app never touches the real user's data. */
export function privateHome() {
  const home = mkdtempSync(join(tmpdir(), 'attune-e2e-'));
  const env = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
  };
  for (const d of ['data', 'config', 'cache']) mkdirSync(join(home, d));
  // WebKit's helper processes may still be writing their caches for a moment after the window
  // closes: retry, and never fail a test over removing its scratch folder.
  const remove = () => {
    try {
      rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch (e) {
      console.log(`note: could not remove ${home}: ${e.code}`);
    }
  };
  return { home, env, vaultDir: join(home, 'data', 'attune'), remove };
}

/** Starts tauri-driver with `env` (the app inherits it) and waits until it answers. */
export async function startDriver(env) {
  const driver = spawn('tauri-driver', ['--port', String(PORT)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  let exited = null;
  driver.on('exit', (code) => (exited = code));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`tauri-driver exited with code ${exited} before answering`);
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/status`);
      if (res.ok) return driver;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  driver.kill();
  throw new Error('tauri-driver did not answer on port 4444 within 20 s');
}

export async function stopDriver(driver) {
  if (!driver || driver.exitCode !== null) return;
  const done = new Promise((r) => driver.once('exit', r));
  driver.kill('SIGTERM');
  await Promise.race([done, sleep(5_000)]);
}

/** Opens the app (a new process) in a WebDriver session. */
export async function openApp() {
  return remote({
    hostname: '127.0.0.1',
    port: PORT,
    logLevel: 'warn',
    connectionRetryCount: 0,
    capabilities: {
      'tauri:options': { application: APP },
      'wdio:enforceWebDriverClassic': true,
    },
  });
}

/** Waits, at most `timeout` ms, for an element to be displayed; fails saying what was awaited. */
export async function shown(browser, selector, what, timeout = 15_000) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout, timeoutMsg: `${what} (${selector}) did not appear within ${timeout / 1000} s` });
  return el;
}

/** Waits until `selector`'s text contains `expected`. */
export async function textIn(browser, selector, expected, what, timeout = 15_000) {
  const el = await shown(browser, selector, what, timeout);
  await browser.waitUntil(async () => (await el.getText()).includes(expected), {
    timeout,
    timeoutMsg: `${what}: "${expected}" did not appear in ${selector} within ${timeout / 1000} s`,
  });
  return el;
}

/** Waits for a button to become enabled, then clicks it. */
export async function clickWhenEnabled(browser, selector, what, timeout = 15_000) {
  const el = await shown(browser, selector, what, timeout);
  await el.waitForEnabled({ timeout, timeoutMsg: `${what} (${selector}) stayed disabled for ${timeout / 1000} s` });
  await el.click();
}

/** Replaces an input's value by typing, as a person would. */
export async function typeInto(browser, selector, value, what) {
  const el = await shown(browser, selector, what);
  await el.clearValue();
  await el.setValue(value);
  return el;
}

/**
 * Saves a picture of the window as the X server shows it (ImageMagick's `import`). Not
 * WebDriver's screenshot: WebKit makes that from a snapshot of the web view, which, with the
 * window painting without compositing as Attune does, sometimes never answers (CI saw it hang on
 * the dashboard); the X server's pixels are what she sees anyway.
 */
export async function screenshot(browser, name) {
  mkdirSync(SHOTS, { recursive: true });
  // WebKit paints asynchronously: without a pause the picture shows the previous frame.
  await sleep(500);
  let window = 'root';
  try {
    window = execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^Attune$'], { encoding: 'utf8' }).trim().split('\n')[0] || 'root';
  } catch {
    // no window of that name (xdotool exits 1): the whole screen
  }
  execFileSync('import', ['-window', window, join(SHOTS, `${name}.png`)]);
}

/** Runs the attune command line with the private home. */
export function cli(env, args, passphrase) {
  return execFileSync(CLI, args, { env: { ...env, ATTUNE_PASSPHRASE: passphrase }, encoding: 'utf8' });
}

/** Runs `body`; if it throws, saves a screenshot of what the window showed, then rethrows. */
export async function recording(getBrowser, name, body) {
  try {
    await body();
  } catch (e) {
    const browser = getBrowser();
    if (browser) await screenshot(browser, `FAILED-${name}`).catch(() => {});
    throw e;
  }
}

/**
 * The hooks every test file needs: a private home (with a vault made by the command line when
 * `passphrase` is given), tauri-driver started before and stopped after, and the window's
 * session closed. `ctx.browser` is the window a test opened; `ctx.home` its home.
 */
export function suite({ passphrase } = {}) {
  const ctx = { home: null, browser: null };
  let driver;
  before(async () => {
    ctx.home = privateHome();
    if (passphrase) cli(ctx.home.env, ['init'], passphrase);
    driver = await startDriver(ctx.home.env);
  });
  after(async () => {
    await ctx.browser?.deleteSession().catch(() => {});
    await stopDriver(driver);
    if (ctx.home) await reapLeftovers(ctx.home.home);
    ctx.home?.remove();
  });
  return ctx;
}

/** Processes started with this private home (the app, WebKit's helpers), by pid. */
function processesOf(home) {
  const mine = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`HOME=${home}`)) mine.push(Number(pid));
    } catch {
      // gone already, or not ours to read
    }
  }
  return mine;
}

/**
 * Waits (at most 10 s) for the app and its helpers to exit after the session ends. One still
 * running after that (the driver stopped while the window was closing) would hold the test
 * runner's output open for ever: it is killed, and said so.
 */
async function reapLeftovers(home) {
  const deadline = Date.now() + 10_000;
  while (processesOf(home).length > 0 && Date.now() < deadline) await sleep(200);
  for (const pid of processesOf(home)) {
    let name = '?';
    try {
      name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      // exited meanwhile
    }
    console.log(`note: ${name} (pid ${pid}) was still running 10 s after its session ended; killed it`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
}

/** The app's processes (not WebKit's helpers) started with this private home. */
export function appPids(home) {
  return processesOf(home).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('attune-desktop');
    } catch {
      return false;
    }
  });
}

/** Kills the app of this private home at once (SIGKILL), as a crash or a power cut would. */
export function killApp(home) {
  const pids = appPids(home);
  if (pids.length === 0) throw new Error('no running attune-desktop to kill');
  for (const pid of pids) process.kill(pid, 'SIGKILL');
}

/** Opens the window on the unlock screen and unlocks it. */
export async function openUnlocked(ctx, passphrase) {
  const browser = (ctx.browser = await openApp());
  await typeInto(browser, '#unlock-passphrase', passphrase, 'unlock passphrase');
  await clickWhenEnabled(browser, '#unlock-submit', 'Unlock');
  await shown(browser, '#lock-button', 'the shell after unlocking', 30_000);
  return browser;
}

/** Sets a date input as a date picker would: its value, then the input event the page hears. */
export async function setDate(browser, selector, value, what) {
  const el = await shown(browser, selector, what);
  await browser.execute(
    (input, v) => {
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    el,
    value,
  );
}

/** Presses keys in the app's window through the X server, as on a keyboard (for the menu). */
export function pressInWindow(keys) {
  const id = execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^Attune$'], { encoding: 'utf8' }).trim().split('\n')[0];
  execFileSync('xdotool', ['windowfocus', '--sync', id]);
  execFileSync('xdotool', ['key', '--clearmodifiers', keys]);
}

/**
 * Answers the system's file dialog (a GTK window outside the web view, which WebDriver cannot
 * reach) the way a person would, with the keyboard through the X server: waits for the window
 * titled `title`, focuses it, types `path` and presses Return. `mode` 'save' types into the
 * name field (which takes a whole path); 'open' first opens the location field with Ctrl+L.
 * With `shot`, saves a picture of the dialog as typed (ImageMagick's `import`).
 */
export async function answerFileDialog(title, path, mode, shot) {
  const deadline = Date.now() + 15_000;
  let id = '';
  while (!id) {
    try {
      id = execFileSync('xdotool', ['search', '--onlyvisible', '--name', `^${title}$`], { encoding: 'utf8' }).trim().split('\n')[0];
    } catch {
      // xdotool exits 1 while no window matches
    }
    if (!id) {
      if (Date.now() > deadline) throw new Error(`the "${title}" file dialog did not open within 15 s`);
      await sleep(200);
    }
  }
  // GTK fills the dialog (folders, the suggested name) just after mapping it.
  await sleep(800);
  const xdo = (...args) => execFileSync('xdotool', args);
  xdo('windowfocus', '--sync', id);
  xdo('key', '--clearmodifiers', mode === 'save' ? 'ctrl+a' : 'ctrl+l');
  xdo('type', '--delay', '20', path);
  await sleep(300);
  if (shot) {
    mkdirSync(SHOTS, { recursive: true });
    execFileSync('import', ['-window', id, join(SHOTS, `${shot}.png`)]);
  }
  xdo('key', 'Return');
}
