// The screens of the left navigation, and what each empty one says until it is built.

export type Screen = 'dashboard' | 'clients' | 'sessions' | 'billing' | 'settings';

export interface ScreenSpec {
  id: Screen;
  label: string;
  /** Shortcut with Alt: Alt+1 … Alt+5. */
  key: string;
  /** For screens that later work fills: what will be here. */
  comingSoon?: string;
}

export const SCREENS: readonly ScreenSpec[] = [
  {
    id: 'dashboard',
    label: 'Dashboard',
    key: '1',
    comingSoon:
      'Today’s sessions and what needs your attention (unsigned notes, expiring clearances, unpaid balances) will appear here. Nothing is charted yet.',
  },
  {
    id: 'clients',
    label: 'Clients',
    key: '2',
  },
  {
    id: 'sessions',
    label: 'Sessions',
    key: '3',
  },
  {
    id: 'billing',
    label: 'Billing',
    key: '4',
  },
  { id: 'settings', label: 'Settings', key: '5' },
];

/** The screen an Alt+digit shortcut goes to, if any. */
export function screenForShortcut(e: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; key: string }): Screen | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  return SCREENS.find((s) => s.key === e.key)?.id ?? null;
}
