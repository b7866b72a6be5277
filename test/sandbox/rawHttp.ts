import https from 'node:https';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** One HTTPS request exactly as written (no client-side serialization dropping fields): status, headers, parsed body. */
export function rawRequest(url: string, opts: { ca: string; token: string; method?: string; body?: unknown; contentType?: string }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const data = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const req = https.request(url, { method: opts.method ?? 'GET', ca: opts.ca, headers: { Authorization: `Bearer ${opts.token}`, Accept: 'application/json', ...(data ? { 'Content-Type': opts.contentType ?? 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text.trim().startsWith('{') ? JSON.parse(text) : text }));
    });
    req.on('error', reject);
    req.end(data);
  });
}
