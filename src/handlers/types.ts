import type { TokenCredential } from '@azure/core-auth';
import type { OperationName } from '../approvals/names.js';
import type { Policy } from '../approvals/policy.js';
import type { AzureClients } from '../azure/clients.js';
import type { CaptureLinks } from '../capture/links.js';
import type { CardViews } from '../cards/views.js';
import type { Messenger } from '../chat/events.js';
import type { Turn } from '../chat/turn.js';
import type { ClusterDirectory } from '../clusters/directory.js';
import type { SubscriptionNames } from '../clusters/subscriptions.js';
import type { CommandKind, CommandOf } from '../commands/grammar.js';
import type { Config } from '../config.js';
import type { ActionAnswer, ApprovalEngine } from '../engine/engine.js';
import type { KubeAccess } from '../kube/access.js';
import type { Logger } from '../log.js';
import type { OperationArgs, OperationPlan } from '../operations/index.js';
import type { PostureHistory } from '../posture/historyStore.js';
import type { PostureScanner } from '../posture/scan.js';
import type { Store } from '../store/types.js';
import type { Timings } from '../timings.js';

/** Everything a command handler may use; built once in src/palisade.ts. */
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
  /** Subscription display names, for cards and for commands that name a subscription. */
  subscriptions: SubscriptionNames;
  posture: PostureScanner;
  history: PostureHistory;
  captures: CaptureLinks;
  timings: Timings;
}

/** Plans a change as the person of this turn and posts its card in this conversation. */
export type Propose = <N extends OperationName>(operation: N, args: OperationArgs<N>) => Promise<OperationPlan<N>>;

/** What a handler gets: the turn (who, where, how to answer), the services, and `propose` bound to the turn. */
export interface HandlerContext {
  turn: Turn;
  s: Services;
  propose: Propose;
}

export type Handler<K extends CommandKind> = (cmd: CommandOf<K>, ctx: HandlerContext) => Promise<void>;
export type HandlerMap<K extends CommandKind> = { [P in K]: Handler<P> };

/** A card button: its data (as the card sent it, unchecked) in, the clicker's answer out. */
export type CardAction = (data: unknown, ctx: HandlerContext) => Promise<ActionAnswer>;
export type { ActionAnswer };
