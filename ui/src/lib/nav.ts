// The screens of the left navigation, and how the dashboard's items open where they are fixed.
import type { Go } from './bindings';

export type Screen = 'dashboard' | 'clients' | 'sessions' | 'billing' | 'settings';

export interface ScreenSpec {
  id: Screen;
  label: string;
  /** Shortcut with Alt: Alt+1 … Alt+5. */
  key: string;
}

export const SCREENS: readonly ScreenSpec[] = [
  { id: 'dashboard', label: 'Dashboard', key: '1' },
  { id: 'clients', label: 'Clients', key: '2' },
  { id: 'sessions', label: 'Sessions', key: '3' },
  { id: 'billing', label: 'Billing', key: '4' },
  { id: 'settings', label: 'Settings', key: '5' },
];

/** The screen an Alt+digit shortcut goes to, if any. */
export function screenForShortcut(e: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; key: string }): Screen | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  return SCREENS.find((s) => s.key === e.key)?.id ?? null;
}

/** What the Clients screen opens on when another screen sends her there. */
export type Opening =
  | { kind: 'session'; id: string }
  | { kind: 'chart'; id: string }
  | { kind: 'person'; id: string }
  | { kind: 'measures'; personId: string };

/** Where a dashboard item goes: a screen, and for Clients what to open there. */
export function destination(go: Go): { screen: Screen; opening: Opening | null } {
  switch (go.to) {
    case 'session':
      return { screen: 'clients', opening: { kind: 'session', id: go.session_id } };
    case 'unit':
      return { screen: 'clients', opening: { kind: 'chart', id: go.unit_id } };
    case 'person':
      return {
        screen: 'clients',
        opening: go.unit_id ? { kind: 'chart', id: go.unit_id } : { kind: 'person', id: go.person_id },
      };
    case 'measures':
      return { screen: 'clients', opening: { kind: 'measures', personId: go.person_id } };
    case 'billing':
      return { screen: 'billing', opening: null };
    case 'backups':
      return { screen: 'settings', opening: null };
  }
}
