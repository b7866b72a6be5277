import type { ConversationRef, IncomingEvent, OutgoingMessage, Person } from './events.js';

/** One user turn, as command handlers see it: who, where, and how to answer. */
export interface Turn {
  event: IncomingEvent;
  person: Person;
  conversation: ConversationRef;
  conversationType: string;
  reply(message: OutgoingMessage): Promise<{ id: string }>;
}
