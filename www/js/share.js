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

  /**
   * What the export menu draws and writes, each with draw(canvas, scale, dark), exportSvg(width,
   * height, dark), exportCsv() and exportJson(): the training view's race as it is (its runs may
   * have been changed mid-run, so never a rerun of the config), else the snapshot the workers made
   * for the view shown (a LayersSnapshot or PhaseMap, drawn with the lab's settings), else the
   * lab's own view, computed here.
   */
  const exported = () => {
    if (race()) return race();
    const given = snapshot();
    if (!given) return lab();
    return {
      draw: (canvas, scale, isDark) => given.draw(lab(), canvas, scale, isDark),
      exportSvg: (width, height, isDark) => given.exportSvg(lab(), width, height, isDark),
      exportCsv: () => given.exportCsv(lab()),
      exportJson: () => given.exportJson(lab()),
    };
  };
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
      exported().draw(canvas, PNG_SCALE, dark());
      canvas.toBlob((blob) => download(name('png'), blob), 'image/png');
    },
    'export-svg': () => {
      const shown = visibleCanvas() ?? document.querySelector(`#view-${lab().view()} .results`);
      const svg = exported().exportSvg(Math.round(shown.clientWidth), Math.round(shown.clientHeight), dark());
      download(name('svg'), new Blob([svg], { type: 'image/svg+xml' }));
    },
    'export-csv': () => download(name('csv'), new Blob([exported().exportCsv()], { type: 'text/csv' })),
    'export-json': () => download(name('json'), new Blob([exported().exportJson()], { type: 'application/json' })),
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
