import { describe, expect, it } from 'vitest';
import { entries, fold, hitEntry, moveSelection, screenEntries, searchable } from './palette';

describe('the command palette', () => {
  it('lists every screen when nothing is typed, and matches a screen by the start of its name', () => {
    expect(screenEntries('').map((e) => e.screen), 'every screen is one keystroke away').toEqual(['dashboard', 'clients', 'sessions', 'billing', 'settings']);
    expect(screenEntries('bil').map((e) => e.screen), '"bil" is Billing only').toEqual(['billing']);
    expect(screenEntries('zz'), 'a screen that does not match is not offered').toEqual([]);
  });

  it('opens a hit where it lives: a relationship on its chart, a session on its screen', () => {
    expect(hitEntry({ kind: 'unit', id: 'u1', label: 'Rivera–Chen' })?.opening, 'a relationship opens its chart').toEqual({ kind: 'chart', id: 'u1' });
    expect(hitEntry({ kind: 'session', id: 's1', label: 'Dosing 11 Nov' })?.opening, 'a session opens itself').toEqual({ kind: 'session', id: 's1' });
    expect(hitEntry({ kind: 'person', id: 'p1', label: 'Alex' })?.opening, 'a person opens their record').toEqual({ kind: 'person', id: 'p1' });
    expect(hitEntry({ kind: 'invoice', id: 'x', label: '?' }), 'an unknown kind is never opened wrongly').toBeNull();
  });

  it('puts screens first and never repeats an entry', () => {
    const hits = [
      { kind: 'unit', id: 'u1', label: 'Settingham–Cole' },
      { kind: 'unit', id: 'u1', label: 'Settingham–Cole' },
    ];
    const list = entries('setting', hits);
    expect(list.map((e) => e.key), 'the Settings screen, then the relationship once').toEqual(['screen:settings', 'unit:u1']);
  });

  it('folds accents and case, and wraps the selection', () => {
    expect(fold('Zoë ÑÚÑEZ'), 'accents and case are ignored when matching').toBe('zoe nunez');
    expect(moveSelection(2, 3, 'ArrowDown'), 'down from the last row goes to the first').toBe(0);
    expect(moveSelection(0, 3, 'ArrowUp'), 'up from the first row goes to the last').toBe(2);
    expect(moveSelection(0, 0, 'ArrowDown'), 'an empty list keeps the first row').toBe(0);
  });

  it('searches once a word has two letters, as the core does', () => {
    expect(searchable('a'), 'one letter waits for the next').toBe(false);
    expect(searchable('a c'), 'two one-letter words are still nothing to search').toBe(false);
    expect(searchable('a ch'), 'a two-letter word is searched').toBe(true);
    expect(searchable('Þó'), 'letters are counted, not bytes').toBe(true);
    expect(searchable('  '), 'spaces are not words').toBe(false);
  });
});
