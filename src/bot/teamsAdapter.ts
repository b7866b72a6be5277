import {
  type Activity,
  ActivityTypes,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  type TurnContext,
  TurnContext as TurnContextClass,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  ManagedIdentityServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { botManagedIdentity } from '../azure/credential.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { AdaptiveCard, ConversationRef, IncomingEvent, InvokeResponse, Messenger, OutgoingMessage } from '../chat/events.js';
import { escapeMarkdown } from '../text/markdown.js';
import type { Timings } from '../timings.js';
import type { CheckedActivity } from './activitySchema.js';
import { connectorHttpClient } from './connectorHttp.js';

/** What the core answers for one turn: messages go through the messenger, invokes return a response. */
export type TurnHandler = (event: IncomingEvent, turn: { reply(message: OutgoingMessage): Promise<{ id: string }> }) => Promise<InvokeResponse | void>;

/** Where the channel's signing keys are published (BotOpenIdMetadata); tests point these at a local emulator. */
export interface BotAuthEndpoints {
  channelOpenIdMetadataUrl: string;
  emulatorOpenIdMetadataUrl: string;
}

export type Authentication = { ok: true; result: AuthenticateRequestResult } | { ok: false; status: 401 | 503; error: unknown };

const CARD = 'application/vnd.microsoft.card.adaptive';
const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** CloudAdapter that runs a turn on an already authenticated request (Palisade authenticates first, to answer 401/503 itself). */
class PalisadeCloudAdapter extends CloudAdapter {
  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic) as Promise<InvokeResponse | undefined>;
  }
}

/**
 * Connector clients (and the unused user-token client) kept per bot app id, service URL and audience: botbuilder
 * builds both, each with a new HTTP pipeline, on every turn. A client holds no per-turn state; its credentials get
 * tokens per request. Bounded: a few Teams service URLs in production, one per fake connector in tests.
 */
class KeptClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient | UserTokenClient>>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.keptFactory(result.connectorFactory, appIdOf(result.claimsIdentity)) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.keptFactory(super.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.kept(`token\n${appIdOf(claimsIdentity)}`, () => super.createUserTokenClient(claimsIdentity)) as Promise<UserTokenClient>;
  }

  private keptFactory(inner: ConnectorFactory, appId: string): ConnectorFactory {
    const kept = (serviceUrl: string, audience?: string) => this.kept(`connector\n${appId}\n${serviceUrl}\n${audience ?? ''}`, () => inner.create(serviceUrl, audience)) as Promise<ConnectorClient>;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return kept(serviceUrl, audience);
      }
    })();
  }

  private kept(key: string, make: () => Promise<ConnectorClient | UserTokenClient>): Promise<ConnectorClient | UserTokenClient> {
    let client = this.clients.get(key);
    if (!client) {
      if (this.clients.size >= 100) this.clients.delete(this.clients.keys().next().value!);
      client = make();
      this.clients.set(key, client);
      client.catch(() => this.clients.delete(key)); // a failed creation is tried again on the next turn
    }
    return client;
  }
}

/** As botbuilder reads it: the audience claim from the channel, the appid claim from the emulator, none when anonymous. */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** The one module (besides server.ts) that knows botbuilder: authenticates requests, converts turns to plain events and back. */
export class TeamsAdapter implements Messenger {
  readonly adapter: PalisadeCloudAdapter;
  private readonly auth: KeptClientsAuthentication;
  // turns answered late go on after their request returned: a graceful stop must wait for them too
  private readonly detachedTurns = new Set<Promise<unknown>>();

  constructor(
    private readonly config: Config,
    private readonly log: Logger,
    private readonly timings: Pick<Timings, 'connectorTimeoutMs' | 'authTimeoutMs'>,
    override?: BotAuthEndpoints,
  ) {
    const metadata = config.bot.openIdMetadataUrl;
    const endpoints = override ?? (metadata ? { channelOpenIdMetadataUrl: metadata, emulatorOpenIdMetadataUrl: metadata } : undefined);
    const settings: Record<string, string | boolean> = {
      MicrosoftAppId: config.bot.appId,
      MicrosoftAppPassword: config.bot.appPassword,
      MicrosoftAppType: config.bot.appType === 'anonymous' ? '' : config.bot.appType,
      MicrosoftAppTenantId: config.bot.tenantId,
      // Parameterized: every endpoint is given (the public cloud's), only the metadata URLs may differ (tests)
      ...(endpoints && {
        ValidateAuthority: true,
        ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        OAuthUrl: AuthenticationConstants.OAuthUrl,
        ToBotFromChannelOpenIdMetadataUrl: endpoints.channelOpenIdMetadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: endpoints.emulatorOpenIdMetadataUrl,
        CallerId: CallerIdConstants.PublicAzureChannel,
      }),
    };
    // A managed-identity bot signs its replies with that identity's token only (see botManagedIdentity)
    const credentials =
      config.bot.appType === 'UserAssignedMSI'
        ? // botbuilder's type names DefaultAzureCredential; any TokenCredential is what it calls
          new ManagedIdentityServiceClientCredentialsFactory(config.bot.appId, { createAzureServiceTokenProvider: (id) => botManagedIdentity(id) as never })
        : undefined;
    this.auth = new KeptClientsAuthentication(settings as Record<string, string>, credentials, undefined, undefined, {
      httpClient: connectorHttpClient(timings.connectorTimeoutMs) as never,
    });
    this.adapter = new PalisadeCloudAdapter(this.auth);
    this.adapter.onTurnError = async (context, error) => {
      this.log.error({ err: error, activityId: context.activity?.id }, 'turn failed outside the core handler');
    };
  }

  /**
   * Validates the request's token (signature, issuer, audience, expiry, serviceUrl) unless the bot has no identity
   * (the sandbox on loopback). 401 for a bad or missing token; 503 when the signing keys cannot be read in time.
   */
  async authenticate(activity: CheckedActivity, authorization: string): Promise<Authentication> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`token validation took longer than ${this.timings.authTimeoutMs} ms`)), this.timings.authTimeoutMs);
    });
    try {
      return { ok: true, result: await Promise.race([this.auth.authenticateRequest(activity as unknown as Activity, authorization), deadline]) };
    } catch (err) {
      const refused = (err instanceof AuthenticationError && err.statusCode === 401) || JWT_ERRORS.has((err as Error)?.name);
      return { ok: false, status: refused ? 401 : 503, error: err };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs one authenticated turn: plain event in, plain replies out; an invoke's answer is returned. */
  run(auth: AuthenticateRequestResult, activity: CheckedActivity, handler: TurnHandler): Promise<InvokeResponse | undefined> {
    return this.adapter.runAuthenticated(auth, activity as unknown as Activity, (context) => this.handle(context, handler));
  }

  /**
   * A message turn that is still working after the reply deadline lets Teams' request go (Bot Service gives up at
   * 10–15 s) and sends its replies proactively when they are ready.
   */
  private async handle(context: TurnContext, handler: TurnHandler): Promise<void> {
    const event = toEvent(context);
    let detached = false;
    // replies sent on this turn's context: one still on its way at the deadline must finish before the context is revoked
    const sending = new Set<Promise<unknown>>();
    const run = handler(event, {
      reply: async (message) => {
        if (detached) return message.typing ? { id: '' } : this.send(event.conversation, message);
        const sent = context.sendActivity(toActivity(message));
        sending.add(sent);
        try {
          const r = await sent;
          return { id: r?.id ?? '' };
        } finally {
          sending.delete(sent);
        }
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
      await Promise.allSettled([...sending]);
      const detachedRun = run.catch((err: unknown) => this.log.error({ err, activityId: event.activityId }, 'detached turn failed'));
      this.detachedTurns.add(detachedRun);
      void detachedRun.finally(() => this.detachedTurns.delete(detachedRun));
    }
  }

  /** Resolves when every turn that was answered late has finished. */
  async settle(): Promise<void> {
    while (this.detachedTurns.size > 0) await Promise.allSettled([...this.detachedTurns]);
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

/** The activity was checked at the edge (activitySchema.ts): the fields read here have their types. */
function toEvent(context: TurnContext): IncomingEvent {
  const a = context.activity;
  const channelData = (a.channelData ?? {}) as { tenant?: { id?: string } };
  const conversation = TurnContextClass.getConversationReference(a) as unknown as ConversationRef;
  const base = {
    activityId: a.id ?? '',
    // A display name is only ever shown, on cards and in messages (markdown): escaped once, here
    from: { id: a.from.id, aadObjectId: a.from.aadObjectId?.toLowerCase(), name: a.from.name === undefined ? undefined : escapeMarkdown(a.from.name) },
    tenantId: channelData.tenant?.id ?? a.conversation.tenantId,
    conversation,
    conversationType: a.conversation.conversationType ?? 'personal',
  };
  switch (a.type) {
    case ActivityTypes.Message:
      return { kind: 'message', text: a.text ?? '', value: a.value, replyToId: a.replyToId, ...base };
    case ActivityTypes.Invoke:
      return { kind: 'invoke', name: a.name ?? '', value: a.value, ...base };
    case ActivityTypes.InstallationUpdate:
      // Teams sends "remove" on uninstall (the bot can no longer post) and "add"/"add-upgrade" on install
      return /^remove/.test(a.action ?? '') ? { kind: 'uninstalled', ...base } : { kind: 'installed', ...base };
    case ActivityTypes.ConversationUpdate:
      return (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id) ? { kind: 'installed', ...base } : { kind: 'other', type: a.type, ...base };
    default:
      return { kind: 'other', type: a.type, ...base };
  }
}
