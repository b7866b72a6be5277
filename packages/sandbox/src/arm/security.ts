import { addRegistryFindings, type RegistryRecord } from '../seed/findings.js';
import type { Json, SubscriptionState } from '../world.js';
import { API_VERSIONS, checkApiVersion } from './apiVersions.js';
import type { ArmContext } from './context.js';
import { ArmHttpError, clone, ok, paged, type ArmReply, type ArmRequest } from './http.js';
import { authorizationFailed } from './rbac/rbac.js';
import { PALISADE_PRINCIPAL } from './rbac/tokens.js';


function subscriptionOf(ctx: ArmContext, scope: string): { id: string; state: SubscriptionState } {
  const m = /^subscriptions\/([^/]+)/i.exec(scope);
  if (!m) throw new ArmHttpError(400, 'InvalidScope', `The scope '/${scope}' is not valid for Microsoft.Security.`);
  const entry = Object.entries(ctx.world.state.subscriptions).find(([k]) => k.toLowerCase() === m[1].toLowerCase());
  if (!entry) throw new ArmHttpError(404, 'SubscriptionNotFound', `The subscription '${m[1]}' could not be found.`);
  return { id: entry[0], state: entry[1] };
}

/** `securityForbidden`: as if a deny assignment covered Microsoft.Security in this subscription. */
function forbid(req: ArmRequest, sub: SubscriptionState, scope: string, action: string): void {
  if (!sub.securityForbidden) return;
  throw authorizationFailed(req.principal ?? PALISADE_PRINCIPAL, action, `/${scope}`);
}

function hasFindings(sub: SubscriptionState): boolean {
  return Object.values(sub.subAssessments).some((l) => l.length > 0);
}

/** Defender's first scan after Containers turns Standard: seconds here, up to 24 h in Azure. */
export function scheduleFirstScan(ctx: ArmContext, subscriptionId: string): void {
  const sub = ctx.world.state.subscriptions[subscriptionId];
  if (!sub || sub.registries.length === 0 || hasFindings(sub)) return;
  ctx.schedule(() => {
    const now = ctx.world.state.subscriptions[subscriptionId];
    if (!now || now.pricings.Containers?.properties?.pricingTier !== 'Standard' || hasFindings(now)) return;
    for (const registry of now.registries as RegistryRecord[]) {
      addRegistryFindings(now, registry, { perImage: ctx.settings.firstScanFindingsPerImage, shapes: ['mdvm'] });
      ctx.world.changed({ type: 'arm', resourceId: registry.id });
    }
  }, ctx.settings.firstScanDelayMs);
}

/** On start: subscriptions with Containers on and registries still unscanned get their scan. */
export function resumeScans(ctx: ArmContext): void {
  for (const [id, sub] of Object.entries(ctx.world.state.subscriptions)) {
    if (sub.pricings.Containers?.properties?.pricingTier === 'Standard') scheduleFirstScan(ctx, id);
  }
}

function pricings(ctx: ArmContext, req: ArmRequest, scope: string, name: string | undefined): ArmReply {
  checkApiVersion(req, API_VERSIONS.pricings, 'pricings');
  const { id: subId, state: sub } = subscriptionOf(ctx, scope);
  if (!/^subscriptions\/[^/]+$/i.test(scope)) return notOurs();
  if (!name) {
    if (req.method !== 'GET') throw new ArmHttpError(405, 'MethodNotAllowed', `The method '${req.method}' is not allowed.`);
    forbid(req, sub, scope, 'Microsoft.Security/pricings/read');
    return ok({ value: Object.values(sub.pricings).map(clone) });
  }
  const key = Object.keys(sub.pricings).find((k) => k.toLowerCase() === name.toLowerCase());
  if (req.method === 'GET') {
    forbid(req, sub, scope, 'Microsoft.Security/pricings/read');
    if (!key) throw new ArmHttpError(404, 'PricingNotFound', `Pricing '${name}' was not found.`);
    return ok(clone(sub.pricings[key]));
  }
  if (req.method !== 'PUT') throw new ArmHttpError(405, 'MethodNotAllowed', `The method '${req.method}' is not allowed.`);
  forbid(req, sub, scope, 'Microsoft.Security/pricings/write');
  if (!key) throw new ArmHttpError(400, 'InvalidInputJson', `Pricing name '${name}' is not a supported plan.`);
  const tier = req.body?.properties?.pricingTier;
  if (tier !== 'Free' && tier !== 'Standard') {
    throw new ArmHttpError(400, 'InvalidInputJson', "The pricingTier property is required and must be 'Free' or 'Standard'.", 'properties.pricingTier');
  }
  const current = sub.pricings[key];
  const props: Json = { ...current.properties, pricingTier: tier };
  const subPlan = req.body?.properties?.subPlan;
  if (subPlan) props.subPlan = subPlan;
  if (tier === 'Standard' && current.properties.pricingTier !== 'Standard') props.enablementTime = new Date().toISOString();
  if (tier === 'Free') {
    delete props.enablementTime;
    delete props.subPlan;
  }
  sub.pricings[key] = { ...current, properties: props };
  ctx.world.changed({ type: 'arm', resourceId: current.id });
  if (key === 'Containers' && tier === 'Standard') scheduleFirstScan(ctx, subId);
  return ok(clone(sub.pricings[key]));
}

function notOurs(): ArmReply {
  throw new ArmHttpError(404, 'InvalidResourceType', 'The resource type could not be found in the namespace Microsoft.Security for this scope.');
}

function underScope(id: string, scope: string): boolean {
  return id.toLowerCase().startsWith(`/${scope.toLowerCase()}/`);
}

function assessments(ctx: ArmContext, req: ArmRequest, scope: string, key: string | undefined): ArmReply {
  checkApiVersion(req, API_VERSIONS.assessments, 'assessments');
  if (req.method !== 'GET') throw new ArmHttpError(405, 'MethodNotAllowed', `The method '${req.method}' is not allowed in the sandbox.`);
  const { state: sub } = subscriptionOf(ctx, scope);
  forbid(req, sub, scope, 'Microsoft.Security/assessments/read');
  if (key) {
    const found = sub.assessments.find((a) => a.id.toLowerCase() === `/${scope}/providers/Microsoft.Security/assessments/${key}`.toLowerCase());
    if (!found) throw new ArmHttpError(404, 'AssessmentNotFound', `Assessment '${key}' was not found on '/${scope}'.`);
    return ok(clone(found));
  }
  return paged(ctx.endpoint, req, sub.assessments.filter((a) => underScope(a.id, scope)), ctx.settings.assessmentPageSize);
}

function subAssessments(ctx: ArmContext, req: ArmRequest, scope: string, key: string | undefined, name: string | undefined): ArmReply {
  checkApiVersion(req, API_VERSIONS.subAssessments, 'subAssessments');
  if (req.method !== 'GET') throw new ArmHttpError(405, 'MethodNotAllowed', `The method '${req.method}' is not allowed.`);
  const { state: sub } = subscriptionOf(ctx, scope);
  forbid(req, sub, scope, 'Microsoft.Security/assessments/subAssessments/read');
  const items: Json[] = [];
  for (const [parent, list] of Object.entries(sub.subAssessments)) {
    if (key && !parent.endsWith(`/providers/microsoft.security/assessments/${key.toLowerCase()}`)) continue;
    if (!underScope(parent, scope)) continue;
    items.push(...list);
  }
  if (name) {
    const found = items.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new ArmHttpError(404, 'SubAssessmentNotFound', `Sub-assessment '${name}' was not found.`);
    return ok(clone(found));
  }
  return paged(ctx.endpoint, req, items, ctx.settings.subAssessmentPageSize);
}

/** Routes `{scope}/providers/Microsoft.Security/...`; returns undefined when the path is not ours. */
export function handleSecurity(ctx: ArmContext, req: ArmRequest): ArmReply | undefined {
  const i = req.path.toLowerCase().lastIndexOf('/providers/microsoft.security/');
  if (i < 0) return undefined;
  const scope = req.path.slice(1, i);
  const rest = req.path.slice(i + '/providers/microsoft.security/'.length).split('/');
  const kind = rest[0].toLowerCase();
  if (kind === 'pricings' && rest.length <= 2) return pricings(ctx, req, scope, rest[1]);
  if (kind === 'assessments' && rest.length <= 2) return assessments(ctx, req, scope, rest[1]);
  if (kind === 'assessments' && rest[2]?.toLowerCase() === 'subassessments' && rest.length <= 4) {
    return subAssessments(ctx, req, scope, rest[1], rest[3]);
  }
  if (kind === 'subassessments' && rest.length === 1) return subAssessments(ctx, req, scope, undefined, undefined);
  return undefined;
}
