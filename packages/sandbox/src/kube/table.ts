import type { Json } from '../world.js';

/** `Accept: application/json;as=Table;g=meta.k8s.io;v=v1`: the server-side printing kubectl get asks for. */

interface Column {
  name: string;
  type: string;
  format?: string;
  description: string;
  priority: number;
  cell: (o: Json) => unknown;
}

export function age(timestamp: string | undefined, nowMs = Date.now()): string {
  if (!timestamp) return '<unknown>';
  const s = Math.max(0, Math.floor((nowMs - Date.parse(timestamp)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

const NAME: Column = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0, cell: (o) => o.metadata.name };
const AGE: Column = { name: 'Age', type: 'string', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0, cell: (o) => age(o.metadata.creationTimestamp) };

function selectorText(sel: Json | undefined): string {
  const entries = Object.entries(sel ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

function externalIp(svc: Json): string {
  const type = svc.spec?.type;
  const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i: Json) => i.ip ?? i.hostname).filter(Boolean);
  const external = [...(svc.spec?.externalIPs ?? [])];
  if (type === 'LoadBalancer') return [...ingress, ...external].join(',') || '<pending>';
  if (type === 'ExternalName') return svc.spec?.externalName ?? '<none>';
  return external.join(',') || '<none>';
}

function portsText(svc: Json): string {
  const ports = svc.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p: Json) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function podReady(pod: Json): string {
  const statuses = pod.status?.containerStatuses ?? [];
  return `${statuses.filter((s: Json) => s.ready).length}/${(pod.spec?.containers ?? []).length}`;
}

const COLUMNS: Record<string, Column[]> = {
  Service: [
    NAME,
    { name: 'Type', type: 'string', description: 'type determines how the Service is exposed.', priority: 0, cell: (o) => o.spec?.type ?? 'ClusterIP' },
    { name: 'Cluster-IP', type: 'string', description: 'clusterIP is the IP address of the service.', priority: 0, cell: (o) => o.spec?.clusterIP ?? '<none>' },
    { name: 'External-IP', type: 'string', description: 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.', priority: 0, cell: externalIp },
    { name: 'Port(s)', type: 'string', description: 'The list of ports that are exposed by this service.', priority: 0, cell: portsText },
    AGE,
    { name: 'Selector', type: 'string', description: 'Route service traffic to pods with label keys and values matching this selector.', priority: 1, cell: (o) => selectorText(o.spec?.selector) },
  ],
  Pod: [
    NAME,
    { name: 'Ready', type: 'string', description: 'The aggregate readiness state of this pod for accepting traffic.', priority: 0, cell: podReady },
    { name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.', priority: 0, cell: (o) => o.status?.phase ?? 'Pending' },
    { name: 'Restarts', type: 'string', description: 'The number of times the containers in this pod have been restarted.', priority: 0, cell: (o) => String((o.status?.containerStatuses ?? []).reduce((n: number, s: Json) => n + (s.restartCount ?? 0), 0)) },
    AGE,
    { name: 'IP', type: 'string', description: 'IP address allocated to the pod.', priority: 1, cell: (o) => o.status?.podIP ?? '<none>' },
    { name: 'Node', type: 'string', description: 'Name of the Node', priority: 1, cell: (o) => o.spec?.nodeName ?? '<none>' },
  ],
  Deployment: [
    NAME,
    { name: 'Ready', type: 'string', description: 'Number of the pod with ready state', priority: 0, cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}` },
    { name: 'Up-to-date', type: 'integer', description: 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', priority: 0, cell: (o) => o.status?.updatedReplicas ?? 0 },
    { name: 'Available', type: 'integer', description: 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.', priority: 0, cell: (o) => o.status?.availableReplicas ?? 0 },
    AGE,
    { name: 'Containers', type: 'string', description: 'Names of each container in the template.', priority: 1, cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Json) => c.name).join(',') },
    { name: 'Images', type: 'string', description: 'Images referenced by each container in the template.', priority: 1, cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Json) => c.image).join(',') },
  ],
  StatefulSet: [
    NAME,
    { name: 'Ready', type: 'string', description: 'Number of the pod with ready state', priority: 0, cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}` },
    AGE,
  ],
  DaemonSet: [
    NAME,
    { name: 'Desired', type: 'integer', description: 'The total number of nodes that should be running the daemon pod.', priority: 0, cell: (o) => o.status?.desiredNumberScheduled ?? 0 },
    { name: 'Current', type: 'integer', description: 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.', priority: 0, cell: (o) => o.status?.currentNumberScheduled ?? 0 },
    { name: 'Ready', type: 'integer', description: 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.', priority: 0, cell: (o) => o.status?.numberReady ?? 0 },
    { name: 'Up-to-date', type: 'integer', description: 'The total number of nodes that are running updated daemon pod', priority: 0, cell: (o) => o.status?.updatedNumberScheduled ?? 0 },
    { name: 'Available', type: 'integer', description: 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)', priority: 0, cell: (o) => o.status?.numberAvailable ?? 0 },
    { name: 'Node Selector', type: 'string', description: 'NodeSelector is a selector which must be true for the pod to fit on a node.', priority: 0, cell: (o) => selectorText(o.spec?.template?.spec?.nodeSelector) },
    AGE,
  ],
  Job: [
    NAME,
    { name: 'Status', type: 'string', description: 'Status of the job.', priority: 0, cell: (o) => (o.status?.succeeded ? 'Complete' : 'Running') },
    { name: 'Completions', type: 'string', description: 'The desired number of successfully finished pods the job should be run with.', priority: 0, cell: (o) => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}` },
    { name: 'Duration', type: 'string', description: 'Time required to complete the job.', priority: 0, cell: (o) => age(o.status?.startTime) },
    AGE,
  ],
  CronJob: [
    NAME,
    { name: 'Schedule', type: 'string', description: 'The schedule in Cron format.', priority: 0, cell: (o) => o.spec?.schedule ?? '' },
    { name: 'Timezone', type: 'string', description: 'The time zone name for the given schedule.', priority: 0, cell: (o) => o.spec?.timeZone ?? '<none>' },
    { name: 'Suspend', type: 'boolean', description: 'This flag tells the controller to suspend subsequent executions.', priority: 0, cell: (o) => Boolean(o.spec?.suspend) },
    { name: 'Active', type: 'integer', description: 'A list of pointers to currently running jobs.', priority: 0, cell: (o) => (o.status?.active ?? []).length },
    { name: 'Last Schedule', type: 'string', description: 'Information when was the last time the job was successfully scheduled.', priority: 0, cell: (o) => (o.status?.lastScheduleTime ? age(o.status.lastScheduleTime) : '<none>') },
    AGE,
  ],
  ClusterRole: [NAME, { name: 'Created At', type: 'date', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0, cell: (o) => o.metadata.creationTimestamp }],
  Role: [NAME, { name: 'Created At', type: 'date', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0, cell: (o) => o.metadata.creationTimestamp }],
  ClusterRoleBinding: [NAME, { name: 'Role', type: 'string', description: 'Role of the binding.', priority: 0, cell: (o) => `${o.roleRef?.kind}/${o.roleRef?.name}` }, AGE],
  RoleBinding: [NAME, { name: 'Role', type: 'string', description: 'Role of the binding.', priority: 0, cell: (o) => `${o.roleRef?.kind}/${o.roleRef?.name}` }, AGE],
  Namespace: [NAME, { name: 'Status', type: 'string', description: 'The status of the namespace', priority: 0, cell: (o) => o.status?.phase ?? 'Active' }, AGE],
  NetworkPolicy: [
    NAME,
    { name: 'Pod-Selector', type: 'string', description: 'Selects the pods to which this NetworkPolicy object applies.', priority: 0, cell: (o) => (Object.keys(o.spec?.podSelector?.matchLabels ?? {}).length ? selectorText(o.spec.podSelector.matchLabels) : '<none>') },
    AGE,
  ],
  Ingress: [
    NAME,
    { name: 'Class', type: 'string', description: 'The name of the IngressClass resource that should be used.', priority: 0, cell: (o) => o.spec?.ingressClassName ?? '<none>' },
    { name: 'Hosts', type: 'string', description: 'Hosts that incoming requests are matched against.', priority: 0, cell: (o) => (o.spec?.rules ?? []).map((r: Json) => r.host ?? '*').join(',') || '*' },
    { name: 'Address', type: 'string', description: 'Address is a list containing ingress points for the load-balancer', priority: 0, cell: (o) => (o.status?.loadBalancer?.ingress ?? []).map((i: Json) => i.ip ?? i.hostname).join(',') },
    { name: 'Ports', type: 'string', description: 'Ports of TLS configurations that open', priority: 0, cell: (o) => (o.spec?.tls?.length ? '80, 443' : '80') },
    AGE,
  ],
  ConfigMap: [NAME, { name: 'Data', type: 'string', description: 'Number of data entries', priority: 0, cell: (o) => String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length) }, AGE],
  Secret: [
    NAME,
    { name: 'Type', type: 'string', description: 'The type of the secret', priority: 0, cell: (o) => o.type ?? 'Opaque' },
    { name: 'Data', type: 'string', description: 'Number of data entries', priority: 0, cell: (o) => String(Object.keys(o.data ?? {}).length) },
    AGE,
  ],
};

export function toTable(kind: string, objects: Json[], resourceVersion: string): Json {
  const columns = COLUMNS[kind] ?? [NAME, AGE];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(({ cell: _c, ...c }) => c),
    rows: objects.map((o) => ({
      cells: columns.map((c) => c.cell(o)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
