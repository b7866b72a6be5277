/** The small HTML page a capture link answers with: what happened and what to do next. */
export function page(status: number, title: string, body: string): { status: number; body: string } {
  const esc = (t: string) => t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return {
    status,
    body: `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Palisade: ${esc(title)}</title>
<style>body{font-family:Segoe UI,system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#242424}h1{font-size:1.4rem}code{background:#f0f0f0;padding:.1rem .3rem}</style>
</head><body><h1>${esc(title)}</h1><p>${esc(body).replace(/`([^`]+)`/g, '<code>$1</code>')}</p><p>You can close this tab and go back to Teams.</p></body></html>`,
  };
}
