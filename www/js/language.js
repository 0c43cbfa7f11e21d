// Which language a page or widget speaks, with no string table attached: the page's first chart
// needs only the code, and its few modules must arrive before the tables (strings.js) do.

/** The languages every string table has. */
export const LANGUAGES = ['en', 'ko'];

/** Where the reader's choice is kept (i18n.js's switch writes it). */
export const STORAGE_KEY = 'activation-lab:lang';

/** The first candidate tag (`ko-KR`, `en`, …) whose base is a language we speak, else English. */
export function pickLanguage(...candidates) {
  for (const tag of candidates) {
    const base = String(tag ?? '').trim().toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

function stored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode, sandboxed frame): fall back to the browser's language
  }
}

/** The page's language: the reader's last choice, else the browser's, else English. */
export const pageLanguage = () => pickLanguage(stored(), ...(navigator.languages ?? []), navigator.language);

/** A widget's language: its own `lang`, else the host page's, else the browser's. */
export const widgetLanguage = (element) => pickLanguage(element.getAttribute('lang'), document.documentElement.lang, navigator.language);
