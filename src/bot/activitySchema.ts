import { z } from 'zod';

/**
 * Ids travel in URL paths and HTTP headers (x-ms-conversation-id), so no control characters; and they are short, so
 * store keys built from them (conversation|activity, person:<aadObjectId>) stay under the store's 512. Teams' longest,
 * channel thread and personal conversation ids, are under 200 characters.
 */
const idOf = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x20-\x7e\xa0-\xff]+$/, 'must be printable characters (ids travel in URLs and HTTP headers)');
const id = idOf(160);
const short = z.string().max(512);
const account = z.looseObject({ id: idOf(256), name: z.string().max(1024).optional(), aadObjectId: idOf(64).optional(), role: short.optional() });
const httpUrl = z
  .string()
  .max(2048)
  .refine((u) => /^https?:\/\/[^\s/]+/i.test(u) && URL.canParse(u), 'must be an http(s) URL');

/**
 * The parts of a Bot Framework activity Palisade reads, checked at the edge so that a malformed one is a 400 with
 * the reason, never a TypeError deeper in. Everything else Teams sends (entities, attachments, …) passes through.
 */
const activitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: id.optional(),
  serviceUrl: httpUrl,
  channelId: z.string().min(1).max(64),
  from: account,
  recipient: account.optional(),
  conversation: z.looseObject({
    id: idOf(320),
    conversationType: short.optional(),
    tenantId: short.optional(),
    isGroup: z.boolean().optional(),
    name: z.string().max(1024).optional(),
  }),
  channelData: z.looseObject({ tenant: z.looseObject({ id: short }).optional() }).optional(),
  // Long text is the grammar's to answer ("commands are short"); the body parser caps the request at 1 MB
  text: z.string().optional(),
  replyToId: id.optional(),
  name: short.optional(),
  action: short.optional(),
  locale: short.optional(),
  membersAdded: z.array(account).max(1000).optional(),
  membersRemoved: z.array(account).max(1000).optional(),
  // Replies buffered into the HTTP answer would bypass the connector; Teams never asks for them
  deliveryMode: z.enum(['normal', 'notification']).optional(),
});

export type CheckedActivity = z.infer<typeof activitySchema>;

/** The activity, or the first few reasons it is not one (e.g. "from.aadObjectId: expected string"). */
export function checkActivity(body: unknown): { ok: true; activity: CheckedActivity } | { ok: false; reason: string } {
  const r = activitySchema.safeParse(body);
  if (r.success) return { ok: true, activity: r.data };
  const reasons = r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'activity'}: ${i.message.replace(/^Invalid input: /, '')}`);
  return { ok: false, reason: `Not a Bot Framework activity Palisade can handle: ${reasons.join('; ')}.` };
}
