import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  type TurnContext,
  TurnContext as TurnContextClass,
} from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { AdaptiveCard, ConversationRef, IncomingEvent, InvokeResponse, Messenger, OutgoingMessage } from '../chat/events.js';

/** What the core answers for one turn: messages go through the messenger, invokes return a response. */
export type TurnHandler = (event: IncomingEvent, turn: { reply(message: OutgoingMessage): Promise<{ id: string }> }) => Promise<InvokeResponse | void>;

const CARD = 'application/vnd.microsoft.card.adaptive';

/** The one module (besides server.ts) that knows botbuilder: converts its TurnContext to plain events and back. */
export class TeamsAdapter implements Messenger {
  readonly adapter: CloudAdapter;

  constructor(private readonly config: Config, private readonly log: Logger) {
    const auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.bot.appId,
      MicrosoftAppPassword: config.bot.appPassword,
      MicrosoftAppType: config.bot.appType === 'anonymous' ? '' : config.bot.appType,
      MicrosoftAppTenantId: config.bot.tenantId,
    } as Record<string, string>);
    this.adapter = new CloudAdapter(auth);
    this.adapter.onTurnError = async (context, error) => {
      this.log.error({ err: error, activityId: context.activity?.id }, 'turn failed outside the core handler');
    };
  }

  /**
   * Runs one turn: plain event in, plain replies out. A message turn that is still working after the reply deadline
   * lets Teams' request go (Bot Service gives up at 10–15 s) and sends its replies proactively when they are ready.
   */
  async handle(context: TurnContext, handler: TurnHandler): Promise<void> {
    const event = toEvent(context);
    let detached = false;
    const run = handler(event, {
      reply: async (message) => {
        if (detached) return message.typing ? { id: '' } : this.send(event.conversation, message);
        const r = await context.sendActivity(toActivity(message));
        return { id: r?.id ?? '' };
      },
    });
    if (context.activity.type === ActivityTypes.Invoke) {
      const result = await run;
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: result ?? { status: 200 } });
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.config.bot.replyDeadlineMs)));
    const first = await Promise.race([run.then(() => 'done' as const), late]).finally(() => clearTimeout(timer));
    if (first === 'late') {
      detached = true;
      this.log.info({ activityId: event.activityId }, 'long turn: answering proactively');
      run.catch((err: unknown) => this.log.error({ err, activityId: event.activityId }, 'detached turn failed'));
    }
  }

  async send(ref: ConversationRef, message: OutgoingMessage): Promise<{ id: string }> {
    let id = '';
    let failure: unknown;
    // onTurnError would swallow a failed send; callers need the error (403 → stop, 429 → retry)
    await this.adapter.continueConversationAsync(this.config.bot.appId, ref as ConversationReference, async (ctx) => {
      try {
        const r = await ctx.sendActivity(toActivity(message));
        id = r?.id ?? '';
      } catch (e) {
        failure = e;
      }
    });
    if (failure) throw failure;
    return { id };
  }

  async update(ref: ConversationRef, activityId: string, message: OutgoingMessage): Promise<void> {
    await this.adapter.continueConversationAsync(this.config.bot.appId, ref as ConversationReference, async (ctx) => {
      await ctx.updateActivity({ ...toActivity(message), id: activityId, type: ActivityTypes.Message });
    });
  }
}

function toActivity(message: OutgoingMessage): Record<string, unknown> {
  if (message.typing) return { type: ActivityTypes.Typing };
  return {
    type: ActivityTypes.Message,
    text: message.text,
    attachments: message.card ? [{ contentType: CARD, content: message.card as AdaptiveCard }] : undefined,
  };
}

function toEvent(context: TurnContext): IncomingEvent {
  const a = context.activity;
  const channelData = (a.channelData ?? {}) as { tenant?: { id?: string } };
  const conversation = TurnContextClass.getConversationReference(a) as unknown as ConversationRef;
  const base = {
    activityId: a.id ?? '',
    from: { id: a.from?.id ?? '', aadObjectId: a.from?.aadObjectId?.toLowerCase(), name: a.from?.name },
    tenantId: channelData.tenant?.id ?? a.conversation?.tenantId,
    conversation,
    conversationType: a.conversation?.conversationType ?? 'personal',
  };
  switch (a.type) {
    case ActivityTypes.Message:
      return { kind: 'message', text: typeof a.text === 'string' ? a.text : '', value: a.value, replyToId: a.replyToId, ...base };
    case ActivityTypes.Invoke:
      return { kind: 'invoke', name: a.name ?? '', value: a.value, ...base };
    case ActivityTypes.InstallationUpdate:
      // Teams sends "remove" on uninstall (the bot can no longer post) and "add"/"add-upgrade" on install
      return /^remove/.test(a.action ?? '') ? { kind: 'uninstalled', ...base } : { kind: 'installed', ...base };
    case ActivityTypes.ConversationUpdate:
      return (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id) ? { kind: 'installed', ...base } : { kind: 'other', type: a.type, ...base };
    default:
      return { kind: 'other', type: a.type ?? '', ...base };
  }
}
