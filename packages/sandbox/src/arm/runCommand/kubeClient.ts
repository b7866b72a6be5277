import https from 'node:https';
import { IN_CLUSTER_HEADER, IN_CLUSTER_KEY } from '../../kube/clientIdentity.js';

export interface KubeResponse {
  status: number;
  body: any;
}

/**
 * kubectl's HTTP side inside the Run Command pod: real HTTPS requests to the cluster's API server (the Kubernetes
 * emulator), as the caller's identity (`clusterToken`), marked as coming from inside the cluster.
 */
export class InClusterClient {
  private readonly agent: https.Agent;

  constructor(
    private readonly server: string,
    caPem: string,
    private readonly token: string,
  ) {
    this.agent = new https.Agent({ ca: caPem, keepAlive: true, maxSockets: 4 });
  }

  request(method: string, path: string, body?: unknown, contentType = 'application/json', accept = 'application/json'): Promise<KubeResponse> {
    const url = new URL(`${this.server.replace(/\/$/, '')}${path}`);
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          agent: this.agent,
          timeout: 10_000,
          headers: {
            accept,
            authorization: `Bearer ${this.token}`,
            'user-agent': 'kubectl/v1.32.7 (linux/amd64) kubernetes/aks-runcommand',
            [IN_CLUSTER_HEADER]: IN_CLUSTER_KEY,
            ...(text !== undefined ? { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = raw;
            try {
              parsed = raw ? JSON.parse(raw) : undefined;
            } catch {
              /* plain text answer */
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('Client.Timeout exceeded while awaiting headers')));
      req.on('error', reject);
      req.end(text);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
