// Imported first by main.ts, before anything that formats numbers as it loads (uPlot does).
import { usableLanguage } from './lib/locale';

const language = usableLanguage(navigator.language);
if (language !== navigator.language) {
  Object.defineProperty(navigator, 'language', { value: language, configurable: true });
  Object.defineProperty(navigator, 'languages', { value: [language], configurable: true });
}
