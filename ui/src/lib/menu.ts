// The window menu's items, as the shell emits them (src-tauri/src/menu.rs).
export const MENU_ACTIONS = ['export-document', 'import-document', 'help-shortcuts', 'help-about'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

/** A request from the menu; `seq` grows with each, so choosing the same item twice acts twice. */
export interface MenuRequest {
  action: MenuAction;
  seq: number;
}

export function isMenuAction(value: unknown): value is MenuAction {
  return typeof value === 'string' && (MENU_ACTIONS as readonly string[]).includes(value);
}

/** The next request for a menu event's payload, or null for anything else. */
export function nextRequest(previous: MenuRequest | null, payload: unknown): MenuRequest | null {
  return isMenuAction(payload) ? { action: payload, seq: (previous?.seq ?? 0) + 1 } : null;
}
