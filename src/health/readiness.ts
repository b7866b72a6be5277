import type { TokenCredential } from '@azure/core-auth';
import { credentialProblem } from '../azure/errors.js';
import type { Store } from '../store/types.js';

export interface ReadyReport {
  ready: boolean;
  checks: { store: string; azure: string };
  /** Why not ready, one line (also in the 503 body). */
  reason?: string;
}

export interface ReadinessOptions {
  store: Store;
  credential: TokenCredential;
  /** The ARM token scope: a token for it is what every command needs first. */
  scope: string;
  /** How long a result is reused; probes come every few seconds per replica and a failing credential costs a round trip. */
  cacheMs: number;
  now?: () => number;
}

const FAILURE_CACHE_MS = 5_000;

function describe(err: unknown): string {
  const cred = credentialProblem(err);
  if (cred) return `${cred.message} ${cred.nextStep ?? ''}`.trim();
  return err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : String(err);
}

/** `/readyz`: the store answers and an Azure token can be had (both cached briefly); not ready while draining. */
export class Readiness {
  private cached: { at: number; report: Promise<ReadyReport> } | undefined;
  private draining = false;

  constructor(private readonly opts: ReadinessOptions) {}

  /** From now on, not ready: the replica is shutting down and takes no new turns. */
  drain(): void {
    this.draining = true;
  }

  async check(): Promise<ReadyReport> {
    if (this.draining) return { ready: false, checks: { store: 'not checked', azure: 'not checked' }, reason: 'shutting down' };
    const now = (this.opts.now ?? Date.now)();
    if (this.cached) {
      const done = await this.cached.report;
      const ttl = done.ready ? this.opts.cacheMs : Math.min(this.opts.cacheMs, FAILURE_CACHE_MS);
      if (now - this.cached.at < ttl) return done;
    }
    const report = this.run();
    this.cached = { at: now, report };
    return report;
  }

  private async run(): Promise<ReadyReport> {
    const [store, azure] = await Promise.all([
      this.opts.store.get('meta', 'readyz').then(
        () => 'ok',
        (err: unknown) => `store failed: ${describe(err)}`,
      ),
      this.opts.credential.getToken(this.opts.scope).then(
        (t) => (t ? 'ok' : 'no Azure token'),
        (err: unknown) => `no Azure token: ${describe(err)}`,
      ),
    ]);
    const problems = [store, azure].filter((c) => c !== 'ok');
    return { ready: problems.length === 0, checks: { store, azure }, ...(problems.length ? { reason: problems.join('; ') } : {}) };
  }
}
