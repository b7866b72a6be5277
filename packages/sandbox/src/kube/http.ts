import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import YAML from 'yaml';
import { KubeStatusError, statusErrors } from './status.js';

/** Request bodies in, JSON answers out, as the API server reads and writes them. */

const MAX_BODY = 3 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new KubeStatusError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function parseBody(text: string, contentType: string): any {
  if (!text.trim()) return undefined;
  try {
    return contentType.includes('yaml') ? YAML.parse(text) : JSON.parse(text);
  } catch (e) {
    throw statusErrors.badRequest(`error decoding ${contentType.includes('yaml') ? 'YAML' : 'JSON'}: ${(e as Error).message}`);
  }
}

/** `Warning: 299 - "<text>"`, one header per warning, as the API server sends them. */
export function warningHeaders(warnings: string[]): Record<string, string[]> {
  return warnings.length ? { Warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`) } : {};
}

export function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json', headers: Record<string, string | string[]> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private', 'Audit-Id': randomUUID(), ...headers });
  res.end(text);
}

/** Upstream derives the default field manager from the User-Agent's program name. */
export function managerFromAgent(req: IncomingMessage): string {
  const ua = String(req.headers['user-agent'] ?? 'unknown');
  return ua.split('/')[0] || 'unknown';
}
