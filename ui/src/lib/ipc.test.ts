import { describe, expect, it, vi } from 'vitest';
import { CommandError, makeCall, messageOf, toErrorReport } from './ipc';

describe('toErrorReport', () => {
  it('keeps a report from the core as it is', () => {
    const report = { code: 'wrong_passphrase', message: 'That passphrase does not open this vault.', field: null };
    expect(toErrorReport(report)).toEqual(report);
  });

  it('turns a bare string from Tauri into a sentence without internals', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = toErrorReport('invalid args `passphrase` for command `unlock`: missing field');
    expect(r.code).toBe('internal');
    expect(r.message).not.toContain('passphrase');
    expect(r.message).toMatch(/Nothing was changed/);
    expect(spy).toHaveBeenCalledOnce();
    spy.mockRestore();
  });

  it('does not take an object without a message for a report', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(toErrorReport({ code: 'locked' }).code).toBe('internal');
    expect(toErrorReport(null).code).toBe('internal');
  });
});

describe('call', () => {
  it('passes the command and its arguments through and returns the reply', async () => {
    const inv = vi.fn().mockResolvedValue({ auto_lock_minutes: 15 });
    const call = makeCall(inv);
    await expect(call('settings')).resolves.toEqual({ auto_lock_minutes: 15 });
    expect(inv).toHaveBeenCalledWith('settings', undefined);
    await call('unlock', { passphrase: 'correct horse battery' });
    expect(inv).toHaveBeenLastCalledWith('unlock', { passphrase: 'correct horse battery' });
  });

  it('rejects with a CommandError carrying the core report', async () => {
    const report = { code: 'locked', message: 'The vault is locked. Unlock it to go on.', field: null };
    const call = makeCall(vi.fn().mockRejectedValue(report));
    const err = await call('practice_profile').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).report).toEqual(report);
    expect(messageOf(err)).toBe(report.message);
  });
});
