import { describe, expect, it } from 'vitest';
import { SCREENS, screenForShortcut } from './nav';

const press = (key: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key,
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('navigation', () => {
  it('has the five screens, each with its own shortcut', () => {
    expect(SCREENS.map((s) => s.label)).toEqual(['Dashboard', 'Clients', 'Sessions', 'Billing', 'Settings']);
    expect(new Set(SCREENS.map((s) => s.key)).size).toBe(SCREENS.length);
  });

  it('maps Alt+digit to a screen and ignores everything else', () => {
    expect(screenForShortcut(press('1'))).toBe('dashboard');
    expect(screenForShortcut(press('5'))).toBe('settings');
    expect(screenForShortcut(press('6'))).toBeNull();
    expect(screenForShortcut(press('1', { altKey: false }))).toBeNull();
    expect(screenForShortcut(press('1', { ctrlKey: true }))).toBeNull();
  });

  it('says plainly what every unbuilt screen will hold', () => {
    for (const s of SCREENS.filter((s) => !['settings', 'clients', 'sessions', 'billing'].includes(s.id))) {
      expect(s.comingSoon).toMatch(/will/);
    }
  });
});
