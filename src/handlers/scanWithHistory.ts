import type { ClusterInfo } from '../domain.js';
import type { Posture } from '../posture/assess.js';
import type { ClusterHistory } from '../posture/history.js';
import type { Services } from './types.js';

/**
 * Scans a cluster, records the scan (written behind) and returns it with the cluster's history including it. History
 * is a nicety: if the store cannot be read, the answer comes without it rather than not at all.
 */
export async function scanWithHistory(s: Services, cluster: ClusterInfo): Promise<{ posture: Posture; history: ClusterHistory | undefined }> {
  const posture = await s.posture.scan(cluster);
  s.history.record(posture);
  try {
    return { posture, history: await s.history.read(cluster) };
  } catch (err) {
    s.log.warn({ err, cluster: cluster.name }, 'posture history could not be read; answering without it');
    return { posture, history: undefined };
  }
}
