import { describe, expect, it } from 'vitest';
import { nextRequest } from './menu';

describe('menu', () => {
  it('numbers each request, so the same item chosen twice acts twice', () => {
    const first = nextRequest(null, 'export-document');
    expect(first).toEqual({ action: 'export-document', seq: 1 });
    expect(nextRequest(first, 'export-document')).toEqual({ action: 'export-document', seq: 2 });
  });

  it('ignores what is not one of its items', () => {
    expect(nextRequest(null, 'delete-everything')).toBeNull();
    expect(nextRequest(null, 42)).toBeNull();
  });
});
