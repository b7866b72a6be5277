/**
 * Plain types the core works on. Only src/bot/server.ts and src/bot/teamsAdapter.ts know botbuilder;
 * everything else sees these, so a move to the Microsoft 365 Agents SDK touches those two files.
 */

/** A conversation reference as JSON (what botbuilder's ConversationReference serialises to). */
export interface ConversationRef {
  serviceUrl: string;
  channelId: string;
  conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  bot: { id: string; name?: string };
  user?: { id: string; name?: string; aadObjectId?: string };
  activityId?: string;
  locale?: string;
}

export interface Person {
  /** Teams MRI (`29:…`), what refresh.userIds takes. */
  id: string;
  /** Entra object id, what policy matches on. */
  aadObjectId?: string;
  name?: string;
}

export type IncomingEvent =
  | ({ kind: 'message'; text: string; value?: unknown; replyToId?: string } & EventBase)
  | ({ kind: 'invoke'; name: string; value: unknown } & EventBase)
  | ({ kind: 'installed' } & EventBase)
  | ({ kind: 'uninstalled' } & EventBase)
  | ({ kind: 'other'; type: string } & EventBase);

interface EventBase {
  activityId: string;
  from: Person;
  tenantId?: string;
  conversation: ConversationRef;
  /** personal | groupChat | channel */
  conversationType: string;
}

/** An expanded Adaptive Card, ready to attach to a message. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body?: unknown[];
  actions?: unknown[];
  refresh?: { action: { type: 'Action.Execute'; verb: string; data?: unknown }; userIds?: string[] };
  msteams?: { width?: 'Full' };
  [key: string]: unknown;
}

export interface OutgoingMessage {
  text?: string;
  card?: AdaptiveCard;
  /** A typing indicator instead of a message (shown while a turn reads Azure or Kubernetes). */
  typing?: boolean;
}

export interface InvokeResponse {
  status: number;
  body?: unknown;
}

/** How the core talks back: in the current turn, or proactively through a stored reference. */
export interface Messenger {
  send(ref: ConversationRef, message: OutgoingMessage): Promise<{ id: string }>;
  update(ref: ConversationRef, activityId: string, message: OutgoingMessage): Promise<void>;
}
