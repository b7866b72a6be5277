/** An image reference split as a container runtime reads it: `host/repository:tag@digest`. */
export interface ImageRef {
  host: string;
  repository: string;
  tag?: string;
  digest?: string;
}

/** `nginx` → docker.io/library/nginx; the first path part is a host only when it looks like one (dot, port, localhost). */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const first = parts[0];
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = hasHost ? first.toLowerCase() : 'docker.io';
  let repository = hasHost ? parts.slice(1).join('/') : rest;
  if (host === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  return { host, repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** `sha256:87744a04668c…` shortened for people; full digests stay in data. */
export function shortDigest(digest: string): string {
  return digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/i, '$1');
}
