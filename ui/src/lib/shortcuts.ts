// Every keyboard shortcut, in one list: Help › Keyboard shortcuts shows it, and a test checks
// that each key the shell and the session screen act on is listed here.
import { MARKS } from './sessions';
import { SCREENS } from './nav';

export interface Shortcut {
  keys: string;
  what: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: Shortcut[];
}

/** What each mark key reads as: letters, never a look-alike digit ("O" is the letter O). */
function keyName(key: string): string {
  return `${key.toUpperCase()} (letter)`;
}

export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: 'Ctrl+K', what: 'Go to a client, relationship, session or screen' },
      ...SCREENS.map((s) => ({ keys: `Alt+${s.key}`, what: `Open ${s.label}` })),
      { keys: 'Ctrl+L', what: 'Lock the vault' },
      { keys: 'F1', what: 'These shortcuts' },
      { keys: 'Ctrl+Shift+E', what: 'Export all records' },
      { keys: 'Ctrl+Shift+O', what: 'Import a document' },
      { keys: 'Ctrl+Q', what: 'Quit (locks the vault and remembers the window)' },
      { keys: 'Tab, then Enter', what: 'Skip to the main content' },
    ],
  },
  {
    title: 'Session timer',
    shortcuts: [
      { keys: 'Space', what: 'Start, pause or resume the clock' },
      { keys: 'Shift+E', what: 'End the session (asks once)' },
      { keys: '1 … 9', what: 'Choose the partner a mark is for' },
      ...MARKS.map((m) => ({ keys: keyName(m.key), what: `Mark “${m.label}” for the chosen partner` })),
    ],
  },
];
