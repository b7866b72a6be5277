const esc = (t: string) => t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The small HTML page a capture link answers with: what happened and what to do next, or (`button`) a form that
 * POSTs back to the same address: opening the link changes nothing, so a link scanner cannot use it up.
 */
export function page(status: number, title: string, body: string, opts: { button?: string; facts?: Array<[string, string]> } = {}): { status: number; body: string } {
  const facts = opts.facts?.length ? `<dl>${opts.facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>` : '';
  const action = opts.button
    ? `<form method="post"><button type="submit">${esc(opts.button)}</button></form>`
    : '<p>You can close this tab and go back to Teams.</p>';
  return {
    status,
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="referrer" content="no-referrer"><title>Palisade: ${esc(title)}</title>
<style>body{font-family:Segoe UI,system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#242424}h1{font-size:1.4rem}code{background:#f0f0f0;padding:.1rem .3rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{color:#616161}dd{margin:0}button{font:600 1rem inherit;padding:.5rem 1.2rem;border-radius:4px;border:1px solid #5B5FC7;background:#5B5FC7;color:#fff;cursor:pointer}</style>
</head><body><h1>${esc(title)}</h1><p>${esc(body).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>${facts}${action}</body></html>`,
  };
}
