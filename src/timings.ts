/**
 * How long Palisade waits and how often it polls. Chosen once in startPalisade (real Azure, the sandbox, or the fast
 * sandbox of tests and benchmarks) and handed to operations through their context: no operation asks which mode it is in.
 */
export interface Timings {
  /** ARM long-running operations: poll interval; undefined leaves it to the SDK (Retry-After, else 2 s). */
  armPollMs?: number;
  /** Wait before retrying a write ARM refused because another operation runs on the cluster (409). */
  armBusyRetryMs: number;
  /** After a restart mid-apply: how often, and how many times, to re-read a cluster that is still updating. */
  reconcilePollMs: number;
  reconcileAttempts: number;
  /** Service changes: how long to wait for the new IP, then for Azure's load balancer and NSG to match; poll interval. */
  serviceIpTimeoutMs: number;
  azureConvergeTimeoutMs: number;
  servicePollMs: number;
  /** Kubernetes API request timeout, and the first backoff of retried 409/429/5xx answers. */
  kubeTimeoutMs: number;
  kubeRetryBaseMs: number;
  /** First delay of the Azure SDK's retries; undefined keeps the SDK's 1 s. */
  armRetryDelayMs?: number;
  /** AKS Run Command (the way in when the API server refuses Palisade): deadline per command, poll interval. */
  runCommandTimeoutMs: number;
  runCommandPollMs?: number;
  /** How long a cluster that refused the direct path is reached through Run Command before direct is tried again. */
  directRetryMs: number;
  /** Microsoft Graph request timeout (group roles): an approval click must be answered within 5 s. */
  graphTimeoutMs: number;
  /** How often the engine expires plans and runs due timers, and the digest scheduler looks for due ticks. */
  sweepMs: number;
  digestPollMs: number;
  /** Bot Connector (serviceUrl) request deadline: replies, proactive sends, card updates. */
  connectorTimeoutMs: number;
  /** A message turn's POST is answered by then at the latest (Teams retries after ~15 s); the turn itself goes on. */
  messageAnswerMs: number;
  /** Validating a request's token, which may fetch the Bot Framework's signing keys: 503 after this. */
  authTimeoutMs: number;
  /** Posture history is written behind: scans of a cluster within this window become one write. */
  historyFlushMs: number;
  /** ARM reads are answered from memory for this long (0: only concurrent identical reads are shared); writes drop them. */
  armReadFreshMs: number;
  /** Kubernetes reads come from per-cluster informers (list + watch); a cluster nobody read for this long is dropped (0: no informers, every read is live). */
  kubeCacheIdleMs: number;
  /** A turn that reads the clusters shows "typing…" once it has taken this long (0: at once, before reading). */
  typingAfterMs: number;
}

/** Real Azure: AKS takes minutes, ARM asks for 30 s between retries. */
export const PRODUCTION_TIMINGS: Timings = {
  armPollMs: undefined,
  armBusyRetryMs: 30_000,
  reconcilePollMs: 1_000,
  reconcileAttempts: 60,
  serviceIpTimeoutMs: 180_000,
  azureConvergeTimeoutMs: 120_000,
  servicePollMs: 5_000,
  kubeTimeoutMs: 15_000,
  kubeRetryBaseMs: 250,
  armRetryDelayMs: undefined,
  runCommandTimeoutMs: 300_000,
  runCommandPollMs: undefined,
  directRetryMs: 10 * 60_000,
  graphTimeoutMs: 3_000,
  sweepMs: 15_000,
  digestPollMs: 20_000,
  connectorTimeoutMs: 10_000,
  messageAnswerMs: 4_000,
  authTimeoutMs: 4_000,
  historyFlushMs: 30_000,
  armReadFreshMs: 30_000,
  kubeCacheIdleMs: 15 * 60_000,
  typingAfterMs: 250,
};

/** The sandbox's emulators answer in milliseconds. */
export const SANDBOX_TIMINGS: Timings = {
  ...PRODUCTION_TIMINGS,
  armPollMs: 100,
  armBusyRetryMs: 500,
  serviceIpTimeoutMs: 10_000,
  azureConvergeTimeoutMs: 10_000,
  servicePollMs: 200,
  runCommandTimeoutMs: 60_000,
  runCommandPollMs: 100,
  historyFlushMs: 2_000,
  armReadFreshMs: 10_000,
};

/**
 * Tests and benchmarks (the sandbox started fast): short request timeouts and polls too. Tests change the emulators
 * behind Palisade's back and read at once, so reads are live here unless a test (or the benchmark) turns caching on.
 */
// (messageAnswerMs: a test's turn is answered with its replies however loaded the machine; edge.test.ts sets it low)
export const FAST_TIMINGS: Timings = { ...SANDBOX_TIMINGS, messageAnswerMs: 60_000, kubeTimeoutMs: 3_000, kubeRetryBaseMs: 20, armRetryDelayMs: 20, runCommandTimeoutMs: 20_000, runCommandPollMs: 20, sweepMs: 500, digestPollMs: 500, historyFlushMs: 50, armReadFreshMs: 0, kubeCacheIdleMs: 0, typingAfterMs: 0 };

/** What the benchmark turns on over FAST_TIMINGS besides: "typing…" only for a turn that takes a while, as in production. */
export const PRODUCTION_TYPING: Pick<Timings, 'typingAfterMs'> = { typingAfterMs: PRODUCTION_TIMINGS.typingAfterMs };

/** What the benchmark and the caching tests turn on over FAST_TIMINGS: reads from memory, as in production. */
export const CACHED_READS: Pick<Timings, 'armReadFreshMs' | 'kubeCacheIdleMs'> = { armReadFreshMs: 30_000, kubeCacheIdleMs: 15 * 60_000 };
