import { describe, expect, it } from 'vitest';
import { usableLanguage } from './locale';

describe('the language for formats', () => {
  it('keeps a tag Intl accepts', () => {
    expect(usableLanguage('en-GB')).toBe('en-GB');
    expect(usableLanguage('de')).toBe('de');
  });
  it('falls back for a POSIX locale or none', () => {
    expect(usableLanguage('C')).toBe('en-US');
    expect(usableLanguage('')).toBe('en-US');
    expect(usableLanguage(undefined)).toBe('en-US');
  });
});
