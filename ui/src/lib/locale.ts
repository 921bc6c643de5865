// The language the number and date formats use. Under a POSIX locale ("C", as on a bare
// Linux session) the web view reports a language tag Intl refuses, and the charting library
// formats numbers with it as it loads: the whole page would fail to start.

/** `tag` when Intl accepts it, else `fallback`. */
export function usableLanguage(tag: string | undefined, fallback = 'en-US'): string {
  if (!tag) return fallback;
  try {
    new Intl.NumberFormat(tag);
    return tag;
  } catch {
    return fallback;
  }
}
