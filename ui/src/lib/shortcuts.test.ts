import { describe, expect, it } from 'vitest';
import { MARKS } from './sessions';
import { SCREENS } from './nav';
import { SHORTCUTS } from './shortcuts';

const listed = SHORTCUTS.flatMap((g) => g.shortcuts.map((s) => s.keys));

describe('the shortcuts under Help', () => {
  it('list every key the shell and the timer act on', () => {
    for (const s of SCREENS) expect(listed, `Alt+${s.key} opens ${s.label}`).toContain(`Alt+${s.key}`);
    for (const m of MARKS) expect(listed.some((k) => k.startsWith(m.key.toUpperCase() + ' ')), `the ${m.label} key is listed`).toBe(true);
    for (const k of ['Ctrl+K', 'Ctrl+L', 'F1', 'Space', 'Shift+E']) expect(listed, `${k} is listed`).toContain(k);
  });

  it('name the Onset key as a letter, never a zero', () => {
    const onset = SHORTCUTS.flatMap((g) => g.shortcuts).find((s) => s.what.includes('Onset'));
    expect(onset?.keys, 'O could be read as 0').toBe('O (letter)');
  });
});
