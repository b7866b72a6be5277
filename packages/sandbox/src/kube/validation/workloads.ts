import type { Json } from '../../world.js';
import { fieldError, type Cause } from './fieldErrors.js';
import { validateLabelSelector, validateLabels } from './labels.js';
import { isDns1123Label, isValidPortName, isValidPortNum } from './names.js';

/** Pod specs and the workloads that template them (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob). */

export function validatePodSpec(spec: Json | undefined, at: string, restartPolicies?: string[]): Cause[] {
  const causes: Cause[] = [];
  const containers = spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) return [fieldError.required(`${at}.containers`)];
  const names = new Set<string>();
  containers.forEach((c: Json, i: number) => {
    const ct = `${at}.containers[${i}]`;
    if (!c?.name) causes.push(fieldError.required(`${ct}.name`));
    else {
      causes.push(...isDns1123Label(String(c.name)).map((m) => fieldError.invalid(`${ct}.name`, c.name, m)));
      if (names.has(c.name)) causes.push(fieldError.duplicate(`${ct}.name`, c.name));
      names.add(c.name);
    }
    if (!c?.image) causes.push(fieldError.required(`${ct}.image`));
    (Array.isArray(c?.ports) ? c.ports : []).forEach((p: Json, j: number) => {
      const pt = `${ct}.ports[${j}]`;
      if (p?.name !== undefined) causes.push(...isValidPortName(String(p.name)).map((m) => fieldError.invalid(`${pt}.name`, p.name, m)));
      if (p?.containerPort === undefined || p?.containerPort === 0) causes.push(fieldError.required(`${pt}.containerPort`));
      else causes.push(...isValidPortNum(p.containerPort).map((m) => fieldError.invalid(`${pt}.containerPort`, p.containerPort, m)));
      if (p?.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) causes.push(fieldError.notSupported(`${pt}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    });
  });
  if (restartPolicies) {
    const rp = spec?.restartPolicy;
    if (rp === undefined || rp === '') causes.push(fieldError.required(`${at}.restartPolicy`, `valid values: ${restartPolicies.map((r) => JSON.stringify(r)).join(', ')}`));
    else if (!restartPolicies.includes(rp)) causes.push(fieldError.notSupported(`${at}.restartPolicy`, rp, restartPolicies));
  }
  return causes;
}

function labelsMatch(selector: Json | undefined, labels: Json | undefined): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

/** A template and the selector that must select it (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job). */
function validateTemplated(spec: Json | undefined, at: string, restartPolicies?: string[]): Cause[] {
  const causes: Cause[] = [];
  const selector = spec?.selector;
  if (!selector || typeof selector !== 'object' || (!selector.matchLabels && !selector.matchExpressions)) causes.push(fieldError.required(`${at}.selector`));
  else {
    causes.push(...validateLabelSelector(selector, `${at}.selector`));
    if (selector.matchLabels && !labelsMatch(selector.matchLabels, spec?.template?.metadata?.labels))
      causes.push(fieldError.invalid(`${at}.template.metadata.labels`, spec?.template?.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  }
  causes.push(...validateLabels(spec?.template?.metadata?.labels, `${at}.template.metadata.labels`));
  causes.push(...validatePodSpec(spec?.template?.spec, `${at}.template.spec`, restartPolicies));
  return causes;
}

const CRON_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

export function validateWorkload(obj: Json): Cause[] {
  const spec = obj.spec;
  switch (obj.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
      return validateTemplated(spec, 'spec');
    case 'Job':
      return validateTemplated(spec, 'spec', ['OnFailure', 'Never']);
    case 'CronJob': {
      const causes: Cause[] = [];
      const schedule = spec?.schedule;
      if (!schedule) causes.push(fieldError.required('spec.schedule'));
      else if (!CRON_MACROS.includes(schedule) && !String(schedule).startsWith('@every ')) {
        const fields = String(schedule).trim().split(/\s+/);
        if (fields.length !== 5) causes.push(fieldError.invalid('spec.schedule', schedule, `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`));
      }
      const job = spec?.jobTemplate?.spec;
      causes.push(...validateLabels(job?.template?.metadata?.labels, 'spec.jobTemplate.spec.template.metadata.labels'));
      causes.push(...validatePodSpec(job?.template?.spec, 'spec.jobTemplate.spec.template.spec', ['OnFailure', 'Never']));
      return causes;
    }
    case 'Pod':
      return validatePodSpec(spec, 'spec');
    default:
      return [];
  }
}
