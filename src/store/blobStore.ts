import { randomBytes } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import { BlobServiceClient, RestError, type ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import { optimisticUpdate } from './retry.js';
import { claimDueDocs } from './claim.js';
import {
  assertId,
  PreconditionFailed,
  serialize,
  type AuditEntry,
  type Collection,
  type DeleteCondition,
  type PutCondition,
  type ReadAuditOptions,
  type Store,
  type UpdateOptions,
  type Versioned,
} from './types.js';

interface LeaseDoc {
  owner: string;
  expiresAt: number;
}

/** Audit names sort ascending = newest first: (MAX - microseconds since epoch), fixed width. */
const AUDIT_KEY_MAX = 9_000_000_000_000_000; // below 2^53, fixed 16 digits until year ~2255
const READ_CONCURRENCY = 16;
/** Shared by every BlobStore in this process, so two instances appending in turn still read back in order. */
let lastAuditMicros = 0;

function isStatus(e: unknown, ...codes: number[]): boolean {
  return e instanceof RestError && e.statusCode !== undefined && codes.includes(e.statusCode);
}

async function mapLimit<A, B>(items: A[], limit: number, fn: (a: A) => Promise<B>): Promise<B[]> {
  const out = new Array<B>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function readBody(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** A connection string (keys or SAS), or an account URL signed in with an Entra token (accounts with shared keys off). */
export type BlobLocation =
  | { connectionString: string; container: string }
  | { accountUrl: string; credential: TokenCredential; container: string; caPem?: string };

function tokenClient(opts: Extract<BlobLocation, { accountUrl: string }>): BlobServiceClient {
  // An extra CA (the sandbox's, in tests) goes to core-rest-pipeline's tlsOptions, which the storage pipeline passes on
  const options = opts.caPem ? ({ tlsOptions: { ca: opts.caPem } } as StoragePipelineOptions) : undefined;
  return new BlobServiceClient(opts.accountUrl, opts.credential, options);
}

/**
 * Azure Blob Storage for several replicas: one JSON blob per document, written with If-Match / If-None-Match so
 * concurrent replicas never lose an update. Layout: `docs/<collection>/<id>.json`, `audit/<inverted time>-<rand>.json`,
 * `leases/<name>.json`. Ids are URI-encoded so any id (Teams conversation ids contain `:` `;` `@`) is one flat name.
 */
export class BlobStore implements Store {
  readonly kind = 'blob' as const;
  private constructor(
    private readonly container: ContainerClient,
    private readonly now: () => number,
  ) {}

  static async open(opts: BlobLocation & { now?: () => number }): Promise<BlobStore> {
    const service = 'connectionString' in opts ? BlobServiceClient.fromConnectionString(opts.connectionString) : tokenClient(opts);
    const container = service.getContainerClient(opts.container);
    await container.createIfNotExists();
    return new BlobStore(container, opts.now ?? Date.now);
  }

  private docName(collection: Collection, id: string): string {
    assertId(id);
    return `docs/${collection}/${encodeURIComponent(id)}.json`;
  }

  private async readJson<T>(name: string): Promise<Versioned<T> | undefined> {
    const got = await this.readJsonIfChanged<T>(name);
    return got === 'unchanged' ? undefined : got;
  }

  /** With `etag`, a conditional GET (If-None-Match): the blob's 304 becomes 'unchanged'. */
  private async readJsonIfChanged<T>(name: string, etag?: string): Promise<Versioned<T> | undefined | 'unchanged'> {
    try {
      const res = await this.container.getBlobClient(name).download(0, undefined, etag === undefined ? undefined : { conditions: { ifNoneMatch: etag } });
      return { value: JSON.parse(await readBody(res.readableStreamBody)) as T, etag: res.etag! };
    } catch (e) {
      if (isStatus(e, 404)) return undefined;
      if (etag !== undefined && isStatus(e, 304)) return 'unchanged';
      throw e;
    }
  }

  private async writeJson(name: string, value: unknown, cond: PutCondition = {}): Promise<string> {
    const body = serialize(value);
    try {
      const res = await this.container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body), {
        conditions: { ifMatch: cond.ifMatch, ifNoneMatch: cond.ifNoneMatch },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return res.etag!;
    } catch (e) {
      // 412: etag mismatch; 409: exists under If-None-Match; 404: If-Match on a blob that is gone.
      if (isStatus(e, 412, 409) || (cond.ifMatch !== undefined && isStatus(e, 404))) {
        throw new PreconditionFailed(`${name}: ${cond.ifNoneMatch ? 'already exists' : 'changed since it was read'}`);
      }
      throw e;
    }
  }

  private async deleteBlob(name: string, cond: DeleteCondition = {}): Promise<void> {
    try {
      await this.container.getBlobClient(name).delete({ conditions: { ifMatch: cond.ifMatch } });
    } catch (e) {
      if (isStatus(e, 404) && cond.ifMatch === undefined) return;
      if (isStatus(e, 404, 412)) throw new PreconditionFailed(`${name}: changed since it was read`);
      throw e;
    }
  }

  get<T>(collection: Collection, id: string): Promise<Versioned<T> | undefined> {
    return this.readJson<T>(this.docName(collection, id));
  }

  getIfChanged<T>(collection: Collection, id: string, etag: string): Promise<Versioned<T> | undefined | 'unchanged'> {
    return this.readJsonIfChanged<T>(this.docName(collection, id), etag);
  }

  put<T>(collection: Collection, id: string, value: T, cond?: PutCondition): Promise<string> {
    return this.writeJson(this.docName(collection, id), value, cond);
  }

  delete(collection: Collection, id: string, cond?: DeleteCondition): Promise<void> {
    return this.deleteBlob(this.docName(collection, id), cond);
  }

  async list<T>(collection: Collection): Promise<Array<{ id: string } & Versioned<T>>> {
    const prefix = `docs/${collection}/`;
    const names: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix })) names.push(blob.name);
    const docs = await mapLimit(names, READ_CONCURRENCY, async (name) => {
      const doc = await this.readJson<T>(name); // undefined if deleted since the listing
      return doc && { id: decodeURIComponent(name.slice(prefix.length, -'.json'.length)), ...doc };
    });
    return docs.filter((d) => d !== undefined).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  update<T>(
    collection: Collection,
    id: string,
    fn: (current: T | undefined) => T | undefined,
    opts: UpdateOptions = {},
  ): Promise<Versioned<T> | undefined> {
    const name = this.docName(collection, id);
    return optimisticUpdate<T>(
      () => this.readJson<T>(name),
      (value, cond) => this.writeJson(name, value, cond),
      fn,
      opts.maxAttempts,
    );
  }

  /**
   * Strictly increasing within this process. Across replicas the order is the writers' clocks (millisecond
   * resolution): entries from two replicas in the same millisecond may read back in either order.
   */
  private nextAuditKey(): string {
    const micros = Math.max(Math.floor(this.now()) * 1000, lastAuditMicros + 1);
    lastAuditMicros = micros;
    return String(AUDIT_KEY_MAX - micros).padStart(16, '0');
  }

  claimDue<T>(collection: Collection, claim: (doc: T, id: string) => T | undefined): Promise<Array<{ id: string; value: T }>> {
    return claimDueDocs(this, collection, claim);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    const name = `audit/${this.nextAuditKey()}-${randomBytes(6).toString('hex')}.json`;
    const body = serialize(entry);
    // If-None-Match: * makes every audit blob write-once.
    await this.container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body), {
      conditions: { ifNoneMatch: '*' },
      blobHTTPHeaders: { blobContentType: 'application/json' },
      metadata: entry.cluster === undefined ? undefined : { cluster: encodeURIComponent(entry.cluster) },
    });
  }

  async readAudit(opts: ReadAuditOptions = {}): Promise<AuditEntry[]> {
    const limit = opts.limit ?? Infinity;
    const wanted = opts.cluster === undefined ? undefined : encodeURIComponent(opts.cluster);
    const names: string[] = [];
    if (limit > 0) {
      outer: for await (const page of this.container
        .listBlobsFlat({ prefix: 'audit/', includeMetadata: wanted !== undefined })
        .byPage({ maxPageSize: 1000 })) {
        for (const blob of page.segment.blobItems) {
          if (wanted !== undefined && blob.metadata?.cluster !== wanted) continue;
          names.push(blob.name);
          if (names.length >= limit) break outer;
        }
      }
    }
    const entries = await mapLimit(names, READ_CONCURRENCY, (name) => this.readJson<AuditEntry>(name));
    return entries.filter((e) => e !== undefined).map((e) => e.value);
  }

  /** An expiry document written conditionally (not the Blob lease API, whose 15–60 s durations would bound ttlMs). */
  async tryLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    assertId(name);
    const blob = `leases/${encodeURIComponent(name)}.json`;
    const current = await this.readJson<LeaseDoc>(blob);
    const now = this.now();
    if (current && current.value.owner !== owner && current.value.expiresAt > now) return false;
    try {
      await this.writeJson(blob, { owner, expiresAt: now + ttlMs } satisfies LeaseDoc, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
      return true;
    } catch (e) {
      if (e instanceof PreconditionFailed) return false;
      throw e;
    }
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    assertId(name);
    const blob = `leases/${encodeURIComponent(name)}.json`;
    const current = await this.readJson<LeaseDoc>(blob);
    if (!current || current.value.owner !== owner) return;
    try {
      await this.deleteBlob(blob, { ifMatch: current.etag });
    } catch (e) {
      if (!(e instanceof PreconditionFailed)) throw e; // someone took it over after expiry: not ours to delete
    }
  }

  async close(): Promise<void> {
    // HTTP clients hold no state that needs closing; sockets are keep-alive and unref'd by the pipeline.
  }
}
