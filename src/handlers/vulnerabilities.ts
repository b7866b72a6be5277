import { format } from '../commands/grammar.js';
import { listPricings, listRegistryFindings } from '../azure/defender.js';
import { vulnerabilitiesModel } from '../cards/vulnerabilities.js';
import { CardTooLargeError } from '../cards/render.js';
import type { AdaptiveCard } from '../chat/events.js';
import type { Turn } from '../chat/turn.js';
import type { ClusterInfo } from '../domain.js';
import { UserError } from '../errors.js';
import { listPods } from '../kube/workloads.js';
import { buildReport, type RunningContainer } from '../operations/images/report.js';
import { defenderCall, resolveScope } from '../operations/images/scope.js';
import { commandText, pageData, type VulnQuery } from '../operations/images/vulnerabilities.js';
import { utcMinute } from '../text/time.js';
import type { Services } from './types.js';

/** Scans land up to 24 h after Defender for Containers is turned on (seconds in the sandbox). */
const FIRST_SCAN_WINDOW_MS = 24 * 3600_000;

async function readRunning(s: Services, cluster: ClusterInfo): Promise<{ ok: true; containers: RunningContainer[] } | { ok: false; error: string }> {
  try {
    const pods = await listPods(await s.kube.for(cluster));
    const containers = pods
      .filter((p) => p.phase === 'Running')
      .flatMap((p) => p.containers.map((c) => ({ namespace: p.namespace, pod: p.name, container: c.name, image: c.image, digest: c.digest })));
    return { ok: true, containers };
  } catch (e) {
    s.log.info({ err: e, cluster: cluster.name }, 'could not read pods for the vulnerabilities join');
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Reads plans, findings and (with a cluster) running pods, and renders the page; also the clear "nothing to show" cards. */
export async function vulnerabilitiesCard(s: Services, turn: Turn, q: VulnQuery): Promise<AdaptiveCard> {
  const scope = await resolveScope(s, turn, { cluster: q.cluster, subscription: q.subscription }, (name) => commandText(q, name));
  const sub = scope.subscriptionId;
  const cluster = scope.cluster;
  if (q.filters.running && !cluster) throw new UserError('"running" compares findings with what a cluster runs, so it needs a cluster.', `Say "${commandText({ ...q, subscription: undefined })} on <cluster>".`);
  const resolved: VulnQuery = { ...q, cluster: cluster?.name, subscription: cluster ? undefined : sub };
  const subName = await s.subscriptions.nameOf(sub);
  const where = cluster ? `${cluster.name} (subscription ${subName})` : `subscription ${subName === sub ? sub : `${subName} (${sub})`}`;
  const enableCommand = format({ kind: 'defenderSet', enabled: true, ...(cluster ? { cluster: cluster.name } : { subscription: sub }) });

  const [plans, findings, running] = await Promise.all([
    defenderCall(sub, 'read', () => listPricings(s.azure, sub)),
    defenderCall(sub, 'read', () => listRegistryFindings(s.azure, sub)),
    cluster ? readRunning(s, cluster) : Promise.resolve(undefined),
  ]);
  const containersPlan = plans.find((p) => p.name === 'Containers');
  const on = containersPlan?.tier === 'Standard';

  if (findings.length === 0) {
    if (!on)
      return s.cards.choice(
        `Vulnerability scanning is off for ${where}: Defender for Containers is on the Free tier, so no image is scanned and there are no findings.`,
        'Turn it on? It is billed per vCore of the AKS nodes in the whole subscription and needs approval; first results take up to 24 hours.',
        [
          { title: 'Enable Defender for Containers', command: enableCommand },
          { title: 'Show Defender plans', command: format({ kind: 'defenderStatus', ...(cluster ? { cluster: cluster.name } : { subscription: sub }) }) },
        ],
      );
    const since = containersPlan?.enablementTime;
    if (!since || Date.now() - Date.parse(since) < FIRST_SCAN_WINDOW_MS)
      return s.cards.facts(
        'No findings yet',
        `Defender for Containers is on for ${where}${since ? ` since ${utcMinute(since)}` : ''}, but no scan has reported yet. Scans of registry images take up to 24 hours after the plan is turned on or an image is pushed.`,
        [
          { title: 'Defender for Containers', value: 'Standard (on)' },
          ...(since ? [{ title: 'Enabled', value: utcMinute(since) }] : []),
          { title: 'Next step', value: 'Ask again later: say "vulnerabilities"' },
        ],
      );
    return s.cards.facts(
      'No vulnerability findings',
      `Defender for Containers is on for ${where} and reports no vulnerable registry images: the scanned images are healthy, or no image has been pushed to a registry in the subscription.`,
      [{ title: 'Defender for Containers', value: `Standard (on)${since ? ` since ${utcMinute(since)}` : ''}` }],
      'good',
    );
  }

  if (q.filters.running && running && !running.ok)
    throw new UserError(`I can't read the pods of ${cluster!.name}, so I can't tell which images run: ${running.error}`, `Check that Palisade can reach its Kubernetes API ("ip ranges on ${cluster!.name}"), or drop "running".`);
  const report = buildReport(findings, q.filters, running?.ok && cluster ? { cluster: cluster.name, containers: running.containers } : undefined);

  const notes: string[] = [];
  if (!on) notes.push(`Defender for Containers is off in subscription ${sub}: these results are no longer refreshed. Say "${enableCommand}".`);
  if (running && !running.ok) notes.push(`Could not read what ${cluster!.name} runs (${running.error}): running now vs only in the registry is not shown.`);
  if (!cluster) notes.push('Add "running on <cluster>" to see which of these images a cluster runs now.');
  const ctx = { subscriptionId: sub, subscriptionName: subName === sub ? undefined : subName, clusterName: cluster?.name, page: q.page, pageData: (page: number) => pageData(resolved, page), notes };
  const model = vulnerabilitiesModel(report, ctx);
  try {
    return s.cards.vulnerabilities(model);
  } catch (e) {
    if (!(e instanceof CardTooLargeError)) throw e;
    // Rows are clipped so this should not happen; if it does, drop the page-1 extras rather than fail
    s.log.warn({ bytes: e.bytes }, 'vulnerabilities card over the limit; dropping the summary sections');
    return s.cards.vulnerabilities({ ...model, facts: [], topCves: [], images: [], imagesTitle: undefined, imagesMore: undefined });
  }
}
