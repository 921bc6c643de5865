import { describe, expect, it } from 'vitest';
import { importSummary } from './exchange';

describe('exchange', () => {
  it('names the file, not its folder, and counts what changed', () => {
    expect(importSummary('/home/dana/Desktop/practice.json', { added: 1, updated: 5 })).toMatch(/^Imported practice\.json: 1 record added, 5 updated/);
    expect(importSummary('C:\\Users\\dana\\p.json', { added: 2, updated: 0 })).toMatch(/^Imported p\.json: 2 records added, 0 updated/);
  });

  it('says when a document changed nothing', () => {
    expect(importSummary('empty.json', { added: 0, updated: 0 })).toBe('empty.json held no persons or relationships; nothing changed.');
  });
});
