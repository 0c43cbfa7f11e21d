// Sharing and export for the page: copy the link or an embed snippet, and download the current
// view as PNG (2× resolution), SVG (the same plotters code as the canvas), CSV or JSON.

import { tr, trError } from './i18n.js';

const PNG_SCALE = 2;

/** Escapes text for an HTML attribute value in double quotes. */
function attribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The `<activation-lab …>` tag and the iframe for a canonical query. */
export function embedSnippet(query, base = location.href) {
  const pairs = query ? query.split('&').map((pair) => pair.split('=')) : [];
  const attrs = pairs.map(([k, v]) => ` ${k}="${attribute(decodeURIComponent(v ?? ''))}"`).join('');
  const script = new URL('js/activation-lab.js', base).href;
  const frame = new URL(`embed.html${query ? `#${query}` : ''}`, base).href;
  return `<script type="module" src="${script}"></script>\n<activation-lab${attrs}></activation-lab>\n\n`
    + `<!-- Or, where scripts are not allowed: -->\n<iframe src="${attribute(frame)}" title="Activation Lab" width="720" height="420" style="border:0"></iframe>`;
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

export function createShare({ lab, race = () => null, snapshot, visibleCanvas, dark }) {
  const panel = document.getElementById('share-panel');
  const label = document.getElementById('share-label');
  const text = document.getElementById('share-text');
  const status = document.getElementById('share-status');

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
    'copy-embed': () => show(tr('share.embedTitle'), embedSnippet(lab().query())),
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
    document.getElementById(id).addEventListener('click', () => {
      try {
        status.textContent = '';
        const result = action();
        if (result?.catch) result.catch(fail);
      } catch (err) {
        fail(err);
      }
    });
  }
  document.getElementById('share-close').addEventListener('click', () => { panel.hidden = true; });
}
