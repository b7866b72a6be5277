import { randomBytes } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import type { ConversationRef, Person } from '../../bot/events.js';
import type { Turn } from '../../bot/turn.js';
import type { HttpRoute } from '../../bot/server.js';
import { errorRef, isUserError } from '../../errors.js';
import type { Services } from '../../services.js';
import { isPreconditionFailed } from '../../store/types.js';
import { NeedChoice } from '../../clusters/resolve.js';

/** What to plan once the IP is known: an operation whose args get `ranges: [ip/32]` and `capturedIp`. */
export interface CapturePurpose {
  operation: string;
  args: Record<string, unknown>;
  /** Shown on the page, e.g. "allowlist your IP on aks-workshop". */
  description: string;
}

interface CaptureDoc {
  requester: Person;
  conversation: ConversationRef;
  purpose: CapturePurpose;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  ip?: string;
}

export const CAPTURE_TTL_MS = 10 * 60_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A one-time link bound to the requester and conversation; unguessable (256 bits), single use, 10 minutes. */
export async function createCaptureLink(s: Services, requester: Person, conversation: ConversationRef, purpose: CapturePurpose): Promise<{ url: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const doc: CaptureDoc = { requester, conversation, purpose, createdAt: new Date(now).toISOString(), expiresAt: new Date(now + CAPTURE_TTL_MS).toISOString() };
  await s.store.put('captures', token, doc, { ifNoneMatch: '*' });
  return { url: `${s.publicUrl}/ip/${token}`, expiresAt: doc.expiresAt };
}

/**
 * Creates the link and delivers it privately: in a 1:1 chat as is; from a group or channel through the requester's
 * 1:1 chat (never where others could open it first), or with a hint to ask there.
 */
export async function sendCaptureLink(
  s: Services,
  turn: Turn,
  purpose: CapturePurpose,
  what: { facts: Array<{ title: string; value: string }>; askAgain: string },
): Promise<void> {
  const link = await createCaptureLink(s, turn.person, turn.conversation, purpose);
  const card = s.cards.facts(
    'Open this link to share your public IP',
    `Teams does not tell me your IP address. [Open this one-time link](${link.url}) in your browser: I record the address it comes from and post the plan to ${purpose.description} here. The link works once, only for your request, for 10 minutes.`,
    [...what.facts, { title: 'Link expires', value: `${link.expiresAt.slice(11, 16)} UTC` }],
  );
  if (turn.conversationType === 'personal') {
    await turn.reply({ card });
    return;
  }
  const personal = await s.store.get<{ ref: ConversationRef }>('prefs', `personal:${turn.person.aadObjectId ?? turn.person.id}`);
  if (personal) {
    await s.messenger.send(personal.value.ref, { card });
    await turn.reply({ text: `${turn.person.name ?? 'You'}: I sent you the link in our 1:1 chat.` });
  } else await turn.reply({ text: `The link is personal, so I only send it in a 1:1 chat: open a chat with me and say \`${what.askAgain}\` there.` });
}

/** The caller's public IP: the socket peer, or X-Forwarded-For when the peer is a trusted proxy; loopback in the sandbox is the example IP. */
export function callerIp(s: Services, remoteAddress: string, forwardedFor: string | undefined): { ip?: string; problem?: string } {
  const norm = (a: string) => {
    try {
      const p = ipaddr.process(a.trim());
      return p.toString();
    } catch {
      return undefined;
    }
  };
  let ip = norm(remoteAddress);
  if (ip && s.config.network.trustedProxies.includes(ip) && forwardedFor) {
    const hops = forwardedFor.split(',').map((h) => norm(h)).filter((h): h is string => Boolean(h));
    // The right-most hop that is not one of our proxies is the client
    ip = [...hops].reverse().find((h) => !s.config.network.trustedProxies.includes(h)) ?? ip;
  }
  if (!ip) return { problem: 'I could not tell your IP address.' };
  const parsed = ipaddr.parse(ip);
  if (parsed.range() === 'loopback' && s.config.mode === 'sandbox') return { ip: s.config.sandbox.clientIp };
  if (parsed.kind() !== 'ipv4') return { problem: `You reached me over IPv6 (${ip}); AKS authorized ranges accept IPv4 only. Open the link from an IPv4 connection.` };
  if (parsed.range() !== 'unicast')
    return { problem: `Your address as I see it (${ip}) is not a public IP: you are on the same network as Palisade or behind a proxy I do not trust (PALISADE_TRUSTED_PROXIES).` };
  return { ip };
}

function page(status: number, title: string, body: string): { status: number; body: string } {
  const esc = (t: string) => t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return {
    status,
    body: `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Palisade: ${esc(title)}</title>
<style>body{font-family:Segoe UI,system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#242424}h1{font-size:1.4rem}code{background:#f0f0f0;padding:.1rem .3rem}</style>
</head><body><h1>${esc(title)}</h1><p>${esc(body).replace(/`([^`]+)`/g, '<code>$1</code>')}</p><p>You can close this tab and go back to Teams.</p></body></html>`,
  };
}

/** GET /ip/<token>: records the caller's IP once and posts the plan card in the conversation that asked. */
export function captureRoute(s: Services): HttpRoute {
  return {
    method: 'GET',
    path: '/ip/:token',
    async handle(req) {
      const token = req.params.token ?? '';
      if (!TOKEN.test(token)) return page(404, 'Unknown link', 'This link is not one I issued. Ask again with `allowlist my ip` in Teams.');
      const found = await s.store.get<CaptureDoc>('captures', token);
      if (!found) return page(404, 'Unknown link', 'This link is not one I issued (or it was cleaned up). Ask again with `allowlist my ip` in Teams.');
      const doc = found.value;
      if (doc.usedAt) return page(410, 'Link already used', 'Each link works once. Ask again with `allowlist my ip` in Teams for a new one.');
      if (Date.parse(doc.expiresAt) < Date.now()) return page(410, 'Link expired', 'Links last 10 minutes. Ask again with `allowlist my ip` in Teams for a new one.');
      const fwd = req.headers['x-forwarded-for'];
      const who = callerIp(s, req.remoteAddress, Array.isArray(fwd) ? fwd.join(',') : fwd);
      if (!who.ip) return page(400, 'Cannot use this address', who.problem ?? 'I could not tell your IP address.');
      try {
        await s.store.put('captures', token, { ...doc, usedAt: new Date().toISOString(), ip: who.ip }, { ifMatch: found.etag });
      } catch (e) {
        if (isPreconditionFailed(e)) return page(410, 'Link already used', 'Each link works once. Ask again with `allowlist my ip` in Teams for a new one.');
        throw e;
      }
      try {
        await s.engine.propose({
          operation: doc.purpose.operation,
          args: { ...doc.purpose.args, ranges: [`${who.ip}/32`], capturedIp: who.ip },
          requester: doc.requester,
          conversation: doc.conversation,
        });
        return page(200, `Your public IP is ${who.ip}`, `I posted the plan to ${doc.purpose.description} in Teams. It is applied after approval.`);
      } catch (err) {
        const message = err instanceof NeedChoice ? err.message : isUserError(err) ? `${err.message}${err.nextStep ? ` ${err.nextStep}` : ''}` : undefined;
        if (message) {
          await s.messenger.send(doc.conversation, { card: err instanceof NeedChoice ? s.cards.choice(err.message, err.question, err.options) : s.cards.userError(message) }).catch(() => undefined);
          return page(200, `Your public IP is ${who.ip}`, message);
        }
        const ref = errorRef();
        s.log.error({ err, ref }, 'capture failed');
        return page(500, 'Something went wrong', `Internal error, ref ${ref}.`);
      }
    },
  };
}
