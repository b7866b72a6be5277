// bench/results.json: the figures issue 14's targets are checked against, filled in by the sections as they run.
export interface BenchResults {
  /** `status` turn median, Palisade / echo, emulators at 0 ms, one conversation (side by side, same process). */
  statusVsEcho?: number;
  /** Turns per second at 50 conversations in flight, Palisade / echo. */
  throughputVsEcho50?: number;
  /** API calls (ARM + Kubernetes, watches excluded) of a `status` repeated within the freshness window. */
  warmStatusApiCalls?: number;
  /** Sequential per-cluster time × clusters, over the digest scan's wall time (1,000 clusters, 20 ms per call). */
  scanVsSequential?: number;
  /** Peak RSS of the Palisade process during the 1,000-cluster digest scans, MiB. */
  scanPeakRssMiB?: number;
  /** ARM requests of one digest over 1,000 clusters in 10 subscriptions (a recurring digest: nothing fresh in memory). */
  armCallsPerDigest1000?: number;
  /** The same for the first digest after start (it also reads each cluster's API server address and CA once). */
  armCallsFirstDigest1000?: number;
  /** Cold start to /healthz 200, production build (`node dist/main.js`) / echo bot (bundled, plain node). */
  coldStartVsEcho?: number;
  /** Idle RSS 3 s after ready, production Palisade / echo bot. */
  idleRssVsEcho?: number;
  /** Approve click → invoke response, median, with the apply running on in the background. */
  approveInvokeMedianMs?: number;
  [extra: string]: unknown;
}

export const results: BenchResults = {};
