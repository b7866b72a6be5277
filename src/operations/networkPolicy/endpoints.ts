import type { CommandOf } from '../../commands/grammar.js';
import { UserError } from '../../errors.js';

type Flow = CommandOf<'canReach'>;

const KIND = /^(?:deployment|deploy|statefulset|sts|daemonset|ds|service|svc|pod)\//i;
const ADDRESS = /^[0-9a-f:.]+(?:\/\d{1,3})?$/i;

/**
 * Endpoints as typed (`ns/name`, `deployment/name`, an address) → the plain names the evaluator takes, when both are
 * in one namespace. Flows across namespaces and to addresses come with issue 16: say so, with the next step.
 */
export function sameNamespaceFlow(cmd: Flow): Flow {
  const split = (e: string) => {
    const bare = e.replace(KIND, '');
    const m = /^([^/]+)\/([^/]+)$/.exec(bare);
    return m && !ADDRESS.test(bare) ? { ns: m[1], name: m[2] } : { ns: undefined, name: bare };
  };
  const from = split(cmd.from);
  const to = split(cmd.to);
  for (const e of [from, to])
    if (e.name !== 'internet' && ADDRESS.test(e.name) && /[.:]/.test(e.name))
      throw new UserError(`Checking a flow to or from an address (${e.name}) is not supported yet.`, 'Name the workloads, e.g. `can ratings-web reach ratings-api on 80`, or `can internet reach ratings-web`.');
  const namespaces = [...new Set([from.ns, to.ns, cmd.namespace].filter(Boolean))];
  if (namespaces.length > 1)
    throw new UserError(`${from.name} and ${to.name} are in different namespaces (${namespaces.join(', ')}): checking flows across namespaces is not supported yet.`, 'Ask about two workloads of one namespace, e.g. `can ratings-web reach ratings-api in ratingsapp`.');
  return { ...cmd, from: from.name, to: to.name, namespace: namespaces[0] };
}
