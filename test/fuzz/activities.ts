import type { Rng } from './random.js';

/** One request to POST /api/messages: a body as sent on the wire, its content type, and what it was. */
export interface FuzzRequest {
  what: string;
  body: string;
  contentType?: string;
  /** An invoke may be answered 501 (not handled): that 5xx is intended. */
  invoke: boolean;
}

const WRONG: unknown[] = [null, 0, -1, 1e308, true, false, [], [1, 'a'], {}, { id: 1 }, '', ' ', 'x'.repeat(600), '__proto__', 'constructor', '\u0000', '😀'.repeat(300)];
const TYPES = ['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event', 'typing', 'endOfConversation', 'deleteUserData', 'trace', 'handoff', 'unknownType', '__proto__'];
const INVOKE_NAMES = ['adaptiveCard/action', 'composeExtension/query', 'task/fetch', 'signin/verifyState', 'fileConsent/invoke', '', '__proto__', 'constructor', 'x'.repeat(300)];
const VERBS = ['approve', 'reject', 'revert', 'refresh', 'choose', 'vulnPage', 'digestPage', '__proto__', 'constructor', 'toString', '', 'APPROVE', 42, null, ['approve'], { verb: 'approve' }];
/** Paths into an activity that Palisade reads, and some it does not. */
const PATHS = [
  'type', 'id', 'serviceUrl', 'channelId', 'from', 'from.id', 'from.aadObjectId', 'from.name', 'recipient', 'recipient.id', 'conversation', 'conversation.id',
  'conversation.conversationType', 'conversation.tenantId', 'channelData', 'channelData.tenant', 'channelData.tenant.id', 'text', 'value', 'value.action',
  'value.action.verb', 'value.action.data', 'value.verb', 'replyToId', 'name', 'membersAdded', 'membersAdded.0', 'membersAdded.0.id', 'locale', 'timestamp',
  'entities', 'attachments', 'deliveryMode', 'action', 'localTimestamp', 'expiration', 'callerId', 'relatesTo',
];

function base(r: Rng, serviceUrl: string): Record<string, any> {
  const type = r.chance(0.1) ? r.pick(TYPES) : r.pick(['message', 'message', 'invoke', 'invoke', 'conversationUpdate', 'installationUpdate']);
  const user = r.pick([
    { id: '29:alice', aadObjectId: 'a11ce000-0000-4000-8000-000000000001', name: 'Alice' },
    { id: '29:bob', aadObjectId: 'b0b00000-0000-4000-8000-000000000002', name: 'Bob' },
    { id: '29:nobody', name: 'No Entra id' },
  ]);
  const conversation = r.pick(['conv-fuzz-a', 'conv-fuzz-b', '19:fuzz@thread.tacv2;messageid=1']);
  const a: Record<string, any> = {
    type,
    id: `fuzz-${r.int(0, 1e9)}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: user,
    recipient: { id: '28:palisade', name: 'Palisade' },
    conversation: { id: conversation, conversationType: conversation.startsWith('19:') ? 'channel' : 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
    channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' } },
    locale: 'en-US',
  };
  if (type === 'message') a.text = r.pick(['help', 'status', 'approvals', 'clusters', '']);
  if (type === 'invoke') {
    a.name = r.pick(INVOKE_NAMES);
    a.value = { action: { type: 'Action.Execute', verb: r.pick(VERBS), data: { planId: r.pick(['AAAAAAAAAAAAAAAAAAAAAA', '__proto__', 'x', 42]), choice: 'status', page: r.int(-5, 50) } }, trigger: 'manual' };
  }
  if (type === 'conversationUpdate') a.membersAdded = [{ id: r.pick(['28:palisade', '29:alice']) }];
  if (type === 'installationUpdate') a.action = r.pick(['add', 'remove', 'add-upgrade']);
  return a;
}

function setPath(obj: Record<string, any>, path: string, value: unknown, remove: boolean) {
  const keys = path.split('.');
  let node: any = obj;
  for (const k of keys.slice(0, -1)) {
    if (node[k] === null || typeof node[k] !== 'object') node[k] = /^\d+$/.test(k) ? [] : {};
    node = node[k];
  }
  const last = keys.at(-1)!;
  if (remove) delete node[last];
  else node[last] = value;
}

/** A JSON text with a key written literally (JSON.stringify cannot emit an own `__proto__`). */
function withRawKey(json: string, key: string, value: string): string {
  return json.replace(/^\{/, `{"${key}":${value},`);
}

/** `n` malformed (or odd but valid) requests, by kind. */
export function fuzzActivities(n: number, r: Rng, serviceUrl: string): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  while (out.length < n) {
    const a = base(r, serviceUrl);
    const kind = r.int(0, 9);
    if (kind === 0) {
      const body = r.pick([
        '', '{', '{"type":', '{"type":"message"', 'null', '[]', '[{"type":"message"}]', '123', '"message"', 'true', '{}', '{"type":null}',
        '\u0000\u0001\u0002', '<xml/>', 'type=message&text=help', '{"type":"message","text":"help"}}', '{"type":"message",}', "{'type':'message'}",
        '['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000), String.fromCharCode(...Array.from({ length: 200 }, () => r.int(0, 255))),
      ]);
      out.push({ what: 'not JSON, or not an object', body, contentType: 'application/json', invoke: false });
    } else if (kind === 1) {
      const ct = r.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', undefined, 'application/json; charset=utf-16']);
      out.push({ what: `content type ${ct ?? 'none'}`, body: JSON.stringify(a), contentType: ct, invoke: false });
    } else if (kind === 2) {
      out.push({ what: 'a body over 1 MB', body: JSON.stringify({ ...a, text: 'x'.repeat(1024 * 1024 + r.int(1, 1000)) }), contentType: 'application/json', invoke: false });
    } else if (kind === 3) {
      const key = r.pick(['__proto__', 'constructor', 'prototype']);
      const value = r.pick(['{"type":"invoke","isAdmin":true}', '{"prototype":{"polluted":1}}', 'null', '"x"']);
      const json = r.chance(0.5) ? withRawKey(JSON.stringify(a), key, value) : JSON.stringify(a).replace('"from":{', `"from":{"${key}":${value},`);
      out.push({ what: `a literal ${key} key`, body: json, contentType: 'application/json', invoke: a.type === 'invoke' });
    } else {
      // 1 to 3 fields of a real activity set to wrong types, or removed
      const fields = Array.from({ length: r.int(1, 3) }, () => r.pick(PATHS));
      for (const f of fields) setPath(a, f, r.pick(WRONG), r.chance(0.25));
      out.push({ what: `${fields.join(', ')} wrong`, body: JSON.stringify(a), contentType: 'application/json', invoke: a.type === 'invoke' });
    }
  }
  return out;
}

