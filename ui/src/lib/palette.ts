// The command palette (Ctrl+K): jump to a screen, a client, a relationship or a session by
// typing. Screens match here; people, relationships and sessions come from the core's search.
import type { Hit } from './bindings';
import { SCREENS, type Opening, type Screen } from './nav';

/** One thing the palette can open. */
export interface Entry {
  /** Unique within a list, for keyed rendering. */
  key: string;
  /** What she reads. */
  label: string;
  /** What kind of thing it is, in her words. */
  kind: string;
  screen: Screen;
  opening: Opening | null;
}

const KIND_LABEL: Record<string, string> = {
  person: 'Client',
  unit: 'Relationship',
  session: 'Session',
};

/** Folds case and accents, so "zoe" finds "Zoë". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The screens whose name starts a word with what she typed (all of them for nothing typed). */
export function screenEntries(typed: string): Entry[] {
  const q = fold(typed.trim());
  return SCREENS.filter((s) => q === '' || fold(s.label).split(/\s+/).some((w) => w.startsWith(q))).map((s) => ({
    key: `screen:${s.id}`,
    label: s.label,
    kind: `Screen · Alt+${s.key}`,
    screen: s.id,
    opening: null,
  }));
}

/** Where a search hit opens. Unknown kinds are left out rather than opened wrongly. */
export function hitEntry(hit: Hit): Entry | null {
  const kind = KIND_LABEL[hit.kind];
  if (!kind) return null;
  const opening: Opening =
    hit.kind === 'unit'
      ? { kind: 'chart', id: hit.id }
      : hit.kind === 'session'
        ? { kind: 'session', id: hit.id }
        : { kind: 'person', id: hit.id };
  return { key: `${hit.kind}:${hit.id}`, label: hit.label, kind, screen: 'clients', opening };
}

/** Screens first (a short, fixed list), then what the search found, without repeats. */
/**
 * Whether the core would search `typed`: it skips words shorter than two letters (a one-letter
 * prefix stands for much of the language; `search::MIN_WORD`), so until one word has two
 * letters the palette asks for more instead of saying nothing matches.
 */
export function searchable(typed: string): boolean {
  return typed.split(/[^\p{L}\p{N}]+/u).some((word) => [...word].length >= 2);
}

export function entries(typed: string, hits: Hit[]): Entry[] {
  const found = hits.map(hitEntry).filter((e): e is Entry => e !== null);
  const seen = new Set<string>();
  return [...screenEntries(typed), ...found].filter((e) => !seen.has(e.key) && seen.add(e.key));
}

/** The next highlighted row for an arrow key, wrapping at both ends. */
export function moveSelection(current: number, count: number, key: 'ArrowDown' | 'ArrowUp'): number {
  if (count === 0) return 0;
  return key === 'ArrowDown' ? (current + 1) % count : (current - 1 + count) % count;
}
