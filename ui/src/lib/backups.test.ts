import { describe, expect, it } from 'vitest';
import { groupForWriting, isRecoveryKey, percent } from './backups';

describe('percent', () => {
  it.each([
    [0, 0, 0],
    [5, 0, 0],
    [0, 200, 0],
    [1, 200, 0],
    [100, 200, 50],
    [199, 200, 99],
    [200, 200, 100],
    [300, 200, 100],
  ])('%i of %i is %i%%', (done, total, expected) => {
    expect(percent(done, total)).toBe(expected);
  });
});

describe('recovery keys', () => {
  it('tells a recovery key from a passphrase', () => {
    expect(isRecoveryKey('  age-secret-key-1qqqq')).toBe(true);
    expect(isRecoveryKey('AGE-SECRET-KEY-1QQQQ')).toBe(true);
    expect(isRecoveryKey('quiet harbour lantern 1987')).toBe(false);
  });

  it('groups a key for writing without losing a letter', () => {
    const key = 'AGE-SECRET-KEY-1ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const groups = groupForWriting(key);
    expect(groups.join('')).toBe(key);
    expect(groups[0]).toBe('AGE-SECRET-KEY-1');
    expect(groups.slice(1)).toEqual(['ABCDEFGH', 'IJKLMNOP', 'QRSTUVWX', 'YZ']);
  });
});
