// Sharing and export for the page: copy the link or an embed snippet, and download the current
// view as PNG (2× resolution), SVG (the same plotters code as the canvas), CSV or JSON.

import { tr, trError } from './i18n.js';

const PNG_SCALE = 2;

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML: safe as an attribute value in quotes and as text. The one escaping
 * function of the snippet, for names and values alike.
 */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

// The key table spells every name in lower-case kebab-case, which an attribute name holds
// unchanged; the snippet takes only the table's names (`keys`), and only so spelled.
const KEY_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * The `<activation-lab …>` tag and the iframe for a canonical query. The query is read as
 * URLSearchParams reads a link (a stray `%` is kept as text, never an error), and every name
 * and value goes through `escapeHtml`, so no string in the query can end the tag or the quotes.
 */
export function embedSnippet(query, keys, base = location.href) {
  const known = new Set(keys);
  const pairs = [...new URLSearchParams(query)].filter(([name]) => known.has(name) && KEY_NAME.test(name));
  const attrs = pairs.map(([name, value]) => ` ${escapeHtml(name)}="${escapeHtml(value)}"`).join('');
  const script = new URL('js/widget.js', base).href;
  const frame = new URL(`embed.html${query ? `#${query}` : ''}`, base).href;
  return `<script type="module" src="${escapeHtml(script)}"></script>\n<activation-lab${attrs}></activation-lab>\n\n`
    + `<!-- Or, where scripts are not allowed: -->\n<iframe src="${escapeHtml(frame)}" title="Activation Lab" width="720" height="420" style="border:0"></iframe>`;
}

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function createShare({ lab, keys, race = () => null, snapshot, visibleCanvas, dark }) {
  const panel = document.getElementById('share-panel');
  const label = document.getElementById('share-label');
  const text = document.getElementById('share-text');
  const status = document.getElementById('share-status');

  // The button that opened the panel: Escape or Close gives it focus back.
  let opener = null;
  function closePanel() {
    panel.hidden = true;
    opener?.focus();
  }
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || panel.hidden) return;
    event.preventDefault();
    closePanel();
  });

  async function show(title, value) {
    label.textContent = title;
    text.value = value;
    panel.hidden = false;
    text.focus();
    text.select();
    try {
      await navigator.clipboard.writeText(value);
      status.textContent = tr('share.copied');
    } catch {
      status.textContent = tr('share.selectCopy');
    }
  }

  const fail = (err) => { status.textContent = trError(err); panel.hidden = false; };
  const name = (ext) => `activation-lab-${lab().view()}.${ext}`;
  const actions = {
    'copy-link': () => show(tr('share.linkTitle'), location.href),
    'copy-embed': () => show(tr('share.embedTitle'), embedSnippet(lab().query(), keys)),
    'export-png': () => {
      const shown = visibleCanvas() ?? document.querySelector(`#view-${lab().view()} .results`);
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(shown.clientWidth * PNG_SCALE);
      canvas.height = Math.round(shown.clientHeight * PNG_SCALE);
      // The training view's runs live in its race (and may have been changed mid-run): export
      // them as they are, not a rerun of the config.
      if (race()) race().draw(canvas, PNG_SCALE, dark());
      else if (lab().view() === 'layers') lab().drawLayers(snapshot(), canvas, PNG_SCALE, dark());
      else lab().draw(canvas, PNG_SCALE, dark());
      canvas.toBlob((blob) => download(name('png'), blob), 'image/png');
    },
    'export-svg': () => {
      const shown = visibleCanvas() ?? document.querySelector(`#view-${lab().view()} .results`);
      const svg = race() ? race().exportSvg(Math.round(shown.clientWidth), Math.round(shown.clientHeight), dark()) : lab().exportSvg(snapshot(), Math.round(shown.clientWidth), Math.round(shown.clientHeight), dark());
      download(name('svg'), new Blob([svg], { type: 'image/svg+xml' }));
    },
    'export-csv': () => download(name('csv'), new Blob([race() ? race().exportCsv() : lab().exportCsv(snapshot())], { type: 'text/csv' })),
    'export-json': () => download(name('json'), new Blob([race() ? race().exportJson() : lab().exportJson(snapshot())], { type: 'application/json' })),
  };
  for (const [id, action] of Object.entries(actions)) {
    document.getElementById(id).addEventListener('click', (event) => {
      opener = event.currentTarget;
      try {
        status.textContent = '';
        const result = action();
        if (result?.catch) result.catch(fail);
      } catch (err) {
        fail(err);
      }
    });
  }
  document.getElementById('share-close').addEventListener('click', closePanel);
}
