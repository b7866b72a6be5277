import type { TokenCredential } from '@azure/core-auth';
import type { ApprovalEngine } from './approvals/engine.js';
import type { Policy } from './approvals/policy.js';
import type { AzureClients } from './azure/clients.js';
import type { Messenger } from './bot/events.js';
import type { CardViews } from './cards/views.js';
import type { ClusterDirectory } from './clusters/directory.js';
import type { Config } from './config.js';
import type { KubeAccess } from './kube/access.js';
import type { Logger } from './log.js';
import type { PostureScanner } from './posture/scan.js';
import type { Store } from './store/types.js';

/** Everything a handler may use; built once in src/palisade.ts. */
export interface Services {
  config: Config;
  log: Logger;
  store: Store;
  policy: Policy;
  engine: ApprovalEngine;
  messenger: Messenger;
  cards: CardViews;
  azure: AzureClients;
  credential: TokenCredential;
  kube: KubeAccess;
  clusters: ClusterDirectory;
  posture: PostureScanner;
  /** Base URL people's browsers reach this bot at (capture links). */
  publicUrl: string;
}
