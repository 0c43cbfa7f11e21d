// The page's language: chosen once per load from localStorage (the reader's last choice), else
// navigator.language (ko* → Korean), else English. Static text in the HTML carries its string key
// (data-i18n → text, data-i18n-html → our own markup, data-i18n-<attr> → that attribute); the
// modules that build controls look their labels up with `tr`. The switch stores the choice and
// reloads: the state is in the hash, so the reader comes back to the same view in the other
// language, with every label built once in that language.

import { t, translateError } from './strings.js';
import { STORAGE_KEY, pageLanguage } from './language.js';
import { clip } from './format.js';

const ATTRIBUTES = ['aria-label', 'title', 'placeholder'];

/** The page's language for this load. */
export const LANG = pageLanguage();

/** A UI string in the page's language. */
export const tr = (key, vars) => t(LANG, key, vars);

/** An error (the core's, with its code and fields, or the page's own) in the page's language,
 * with the values it echoes shortened. */
export const trError = (error) => clip(translateError(LANG, error));

/** Puts the page's language on <html lang> and every marked element under `root`. */
export function translatePage(root = document) {
  document.documentElement.lang = LANG;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = tr(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-html]')) el.innerHTML = tr(el.dataset.i18nHtml); // our own table, not input
  for (const attr of ATTRIBUTES) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, tr(el.getAttribute(`data-i18n-${attr}`)));
  }
}

/**
 * Wires the language switch button: it names the other language, and choosing it reloads. The
 * name is marked with its own language (a screen reader says 한국어 in a Korean voice), while the
 * button and its title stay in the page's; a Hangul name gets its Latin code beside it ("KO"),
 * hidden from screen readers, so the switch stays legible where no Korean font is installed.
 */
export function wireLanguageSwitch(button) {
  if (!button) return;
  const other = LANG === 'ko' ? 'en' : 'ko';
  const name = document.createElement('span');
  name.lang = other;
  name.textContent = tr('lang.switch');
  const parts = [name];
  const code = tr('lang.switchCode');
  if (code) {
    const latin = document.createElement('span');
    latin.className = 'lang-code';
    latin.setAttribute('aria-hidden', 'true');
    latin.textContent = code;
    parts.unshift(latin, ' ');
  }
  button.removeAttribute('lang');
  button.replaceChildren(...parts);
  button.title = tr('lang.switchTitle');
  button.addEventListener('click', () => {
    try {
      localStorage.setItem(STORAGE_KEY, other);
      sessionStorage.setItem(`${STORAGE_KEY}:focus`, button.id);
    } catch {
      return; // nowhere to keep the choice: a reload would come back in the same language
    }
    location.reload();
  });
  // A keyboard user who switched lands back on the switch, not at the top of the page.
  try {
    if (sessionStorage.getItem(`${STORAGE_KEY}:focus`) === button.id) {
      sessionStorage.removeItem(`${STORAGE_KEY}:focus`);
      button.focus();
    }
  } catch {
    // No session storage: nothing to restore.
  }
}
