import type { ClusterInfo } from '../domain.js';
import type { Posture } from '../posture/assess.js';
import type { ClusterHistory } from '../posture/history.js';
import type { Services } from './types.js';

/** Scans a cluster, records the scan (written behind) and returns it with the cluster's history including it. */
export async function scanWithHistory(s: Services, cluster: ClusterInfo): Promise<{ posture: Posture; history: ClusterHistory | undefined }> {
  const posture = await s.posture.scan(cluster);
  s.history.record(posture);
  return { posture, history: await s.history.read(cluster) };
}
