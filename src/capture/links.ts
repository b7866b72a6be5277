import { randomBytes } from 'node:crypto';
import { OP } from '../approvals/names.js';
import type { StoredPlan } from '../approvals/types.js';
import type { CardViews } from '../cards/views.js';
import type { ConversationRef, Messenger, Person } from '../chat/events.js';
import type { HttpRoute } from '../chat/http.js';
import type { Turn } from '../chat/turn.js';
import { NeedChoice } from '../clusters/resolve.js';
import type { Decision } from '../approvals/policy.js';
import { errorRef, isUserError, UserError } from '../errors.js';
import type { Logger } from '../log.js';
import type { OperationArgs } from '../operations/index.js';
import { isPreconditionFailed, type Store } from '../store/types.js';
import { utcClock } from '../text/time.js';
import { callerIp, type CallerIpOptions } from './callerIp.js';
import { page } from './page.js';

/** Operations a captured IP can feed: their args get `ranges: [ip/32]` and `capturedIp`. */
type CaptureOperation = typeof OP.setRanges | typeof OP.setSourceRanges;

/** What to plan once the IP is known. */
export type CapturePurpose = {
  [N in CaptureOperation]: {
    operation: N;
    args: Omit<OperationArgs<N>, 'ranges' | 'capturedIp'>;
    /** Shown on the page, e.g. "allowlist your IP on aks-workshop". */
    description: string;
  };
}[CaptureOperation];

interface CaptureDoc {
  requester: Person;
  conversation: ConversationRef;
  purpose: CapturePurpose;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  ip?: string;
}

export interface CaptureDeps extends CallerIpOptions {
  store: Store;
  messenger: Messenger;
  cards: Pick<CardViews, 'facts' | 'choice' | 'userError'>;
  log: Logger;
  /** Base URL people's browsers reach this bot at. */
  publicUrl: string;
  /** Links go to operators only (the people who may request the change they lead to). */
  canRequest(person: Person): Promise<Decision>;
  now?: () => number;
  propose<N extends CaptureOperation>(operation: N, args: OperationArgs<N>, from: { requester: Person; conversation: ConversationRef }): Promise<StoredPlan>;
}

export const CAPTURE_TTL_MS = 10 * 60_000;
/** Records outlive their link a little, so a late click still reads "expired" rather than "unknown". */
const KEEP_AFTER_EXPIRY_MS = 60 * 60_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const ASK_AGAIN = 'Ask again with `allowlist my ip` in Teams';

/** One-time links that learn a requester's public IP (Teams does not tell it) and then post the plan that needs it. */
export class CaptureLinks {
  private readonly now: () => number;

  constructor(private readonly deps: CaptureDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** A link bound to the requester and conversation; unguessable (256 bits), single use, 10 minutes. */
  async create(requester: Person, conversation: ConversationRef, purpose: CapturePurpose): Promise<{ url: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const doc: CaptureDoc = { requester, conversation, purpose, createdAt: new Date(now).toISOString(), expiresAt: new Date(now + CAPTURE_TTL_MS).toISOString() };
    await this.deps.store.put('captures', token, doc, { ifNoneMatch: '*' });
    return { url: `${this.deps.publicUrl}/ip/${token}`, expiresAt: doc.expiresAt };
  }

  /**
   * Creates the link and delivers it privately: in a 1:1 chat as is; from a group or channel through the requester's
   * 1:1 chat (never where others could open it first), or with a hint to ask there.
   */
  async send(turn: Turn, purpose: CapturePurpose, what: { facts: Array<{ title: string; value: string }>; askAgain: string }): Promise<void> {
    const allowed = await this.deps.canRequest(turn.person);
    if (!allowed.ok) throw new UserError(allowed.reason);
    const link = await this.create(turn.person, turn.conversation, purpose);
    const card = this.deps.cards.facts(
      'Open this link to share your public IP',
      `Teams does not tell me your IP address. [Open this one-time link](${link.url}) in your browser and press its button: I record the address it comes from and post the plan to ${purpose.description} here. The link works once, only for your request, for 10 minutes.`,
      [...what.facts, { title: 'Link expires', value: utcClock(link.expiresAt) }],
    );
    if (turn.conversationType === 'personal') {
      await turn.reply({ card });
      return;
    }
    const personal = await this.deps.store.get<{ ref: ConversationRef }>('prefs', `personal:${turn.person.aadObjectId ?? turn.person.id}`);
    if (personal) {
      await this.deps.messenger.send(personal.value.ref, { card });
      await turn.reply({ text: `${turn.person.name ?? 'You'}: I sent you the link in our 1:1 chat.` });
    } else await turn.reply({ text: `The link is personal, so I only send it in a 1:1 chat: open a chat with me and say \`${what.askAgain}\` there.` });
  }

  /** GET shows the page and its button (no side effect: link scanners open links too); POST records the IP, once. */
  routes(): HttpRoute[] {
    const forwarded = (h: string | string[] | undefined) => (Array.isArray(h) ? h.join(',') : h);
    return [
      { method: 'GET', path: '/ip/:token', handle: (req) => this.show(req.params.token ?? '') },
      { method: 'POST', path: '/ip/:token', handle: (req) => this.capture(req.params.token ?? '', req.remoteAddress, forwarded(req.headers['x-forwarded-for'])) },
    ];
  }

  /** Deletes records whose link expired a while ago (used or not). */
  async purge(): Promise<number> {
    const cutoff = this.now() - KEEP_AFTER_EXPIRY_MS;
    let purged = 0;
    for (const { id, value, etag } of await this.deps.store.list<CaptureDoc>('captures')) {
      if (Date.parse(value.expiresAt) >= cutoff) continue;
      try {
        await this.deps.store.delete('captures', id, { ifMatch: etag });
        purged++;
      } catch (e) {
        if (!isPreconditionFailed(e)) throw e;
      }
    }
    return purged;
  }

  /** The link's record if it can still be used, or the page that says why not. */
  private async usable(token: string): Promise<{ doc: CaptureDoc; etag: string } | { status: number; body: string }> {
    if (!TOKEN.test(token)) return page(404, 'Unknown link', `This link is not one I issued. ${ASK_AGAIN}.`);
    const found = await this.deps.store.get<CaptureDoc>('captures', token);
    if (!found) return page(404, 'Unknown link', `This link is not one I issued (or it was cleaned up). ${ASK_AGAIN}.`);
    if (found.value.usedAt) return page(410, 'Link already used', `Each link works once. ${ASK_AGAIN} for a new one.`);
    if (Date.parse(found.value.expiresAt) < this.now()) return page(410, 'Link expired', `Links last 10 minutes. ${ASK_AGAIN} for a new one.`);
    return { doc: found.value, etag: found.etag };
  }

  private async show(token: string): Promise<{ status: number; body: string }> {
    const found = await this.usable(token);
    if (!('doc' in found)) return found;
    const { doc } = found;
    return page(200, 'Share your public IP with Palisade', `Press the button to let me record the IP address this browser reaches me from, and post the plan to ${doc.purpose.description} in Teams. It is applied only after approval.`, {
      button: 'Share my IP address',
      facts: [
        ['Requested by', doc.requester.name ?? 'you'],
        ['Link expires', utcClock(doc.expiresAt)],
      ],
    });
  }

  private async capture(token: string, remoteAddress: string, forwarded: string | undefined): Promise<{ status: number; body: string }> {
    const { store } = this.deps;
    const found = await this.usable(token);
    if (!('doc' in found)) return found;
    const { doc, etag } = found;
    const who = callerIp(this.deps, remoteAddress, forwarded);
    if (!who.ip) return page(400, 'Cannot use this address', who.problem ?? 'I could not tell your IP address.');
    try {
      await store.put('captures', token, { ...doc, usedAt: new Date(this.now()).toISOString(), ip: who.ip }, { ifMatch: etag });
    } catch (e) {
      if (isPreconditionFailed(e)) return page(410, 'Link already used', `Each link works once. ${ASK_AGAIN} for a new one.`);
      throw e;
    }
    try {
      await this.proposeWith(doc, who.ip);
      return page(200, `Your public IP is ${who.ip}`, `I posted the plan to ${doc.purpose.description} in Teams. It is applied after approval.`);
    } catch (err) {
      const message = err instanceof NeedChoice ? err.message : isUserError(err) ? `${err.message}${err.nextStep ? ` ${err.nextStep}` : ''}` : undefined;
      if (message) {
        const card = err instanceof NeedChoice ? this.deps.cards.choice(err.message, err.question, err.options) : this.deps.cards.userError(message);
        await this.deps.messenger.send(doc.conversation, { card }).catch(() => undefined);
        return page(200, `Your public IP is ${who.ip}`, message);
      }
      const ref = errorRef();
      this.deps.log.error({ err, ref }, 'capture failed');
      return page(500, 'Something went wrong', `Internal error, ref ${ref}.`);
    }
  }

  private proposeWith(doc: CaptureDoc, ip: string): Promise<StoredPlan> {
    const from = { requester: doc.requester, conversation: doc.conversation };
    const captured = { ranges: [`${ip}/32`], capturedIp: ip };
    const p = doc.purpose;
    return p.operation === OP.setRanges
      ? this.deps.propose(p.operation, { ...p.args, ...captured }, from)
      : this.deps.propose(p.operation, { ...p.args, ...captured }, from);
  }
}
