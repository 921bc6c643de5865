import { describe, expect, it } from 'vitest';
import { SCREENS, destination, screenForShortcut } from './nav';

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

  it('sends each dashboard item where it is fixed', () => {
    expect(destination({ to: 'session', session_id: 's1' })).toEqual({ screen: 'clients', opening: { kind: 'session', id: 's1' } });
    expect(destination({ to: 'unit', unit_id: 'u1' })).toEqual({ screen: 'clients', opening: { kind: 'chart', id: 'u1' } });
    // A person opens their relationship's chart, or their details when they have none.
    expect(destination({ to: 'person', person_id: 'p1', unit_id: 'u1' }).opening).toEqual({ kind: 'chart', id: 'u1' });
    expect(destination({ to: 'person', person_id: 'p1', unit_id: null }).opening).toEqual({ kind: 'person', id: 'p1' });
    expect(destination({ to: 'measures', person_id: 'p1' }).opening).toEqual({ kind: 'measures', personId: 'p1' });
    expect(destination({ to: 'billing' })).toEqual({ screen: 'billing', opening: null });
    expect(destination({ to: 'backups' })).toEqual({ screen: 'settings', opening: null });
  });
});
