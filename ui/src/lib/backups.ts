// Small pieces of the Backups settings that have logic worth testing.

/** A whole percentage for a progress bar; 0 before anything is known. */
export function percent(done: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

/** Whether what she typed is a recovery key rather than a passphrase (the core decides the same way). */
export function isRecoveryKey(text: string): boolean {
  return text.trim().toUpperCase().startsWith('AGE-SECRET-KEY-1');
}

const PREFIX = 'AGE-SECRET-KEY-1';

/** The recovery key in groups of eight after its fixed prefix, easier to copy by hand; the
 * letters are unchanged. */
export function groupForWriting(key: string, size = 8): string[] {
  const start = key.startsWith(PREFIX) ? PREFIX.length : 0;
  const out: string[] = start ? [PREFIX] : [];
  for (let i = start; i < key.length; i += size) out.push(key.slice(i, i + size));
  return out;
}
