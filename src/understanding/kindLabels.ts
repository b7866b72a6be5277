/**
 * Round 14a: a formal writer labels each value with its kind, as a manifest or a runbook does: "Service X in
 * namespace N on cluster C", "deployment X", "ns N". The label says what the value is, which its tag already says,
 * so it is no word of the request (left in, it weighs against the reading and a plain order is not understood).
 */
const LABEL_OF: Record<string, ReadonlySet<string>> = {
  NAME: new Set(['service', 'svc', 'deployment', 'deploy', 'statefulset', 'daemonset', 'workload', 'pod']),
};
/** Whether the last word said is a kind label for a value of this type, so it is dropped before the value. */
export function kindLabelBefore(out: readonly string[], type: string): boolean {
  const label = out[out.length - 1];
  return label !== undefined && Boolean(LABEL_OF[type]?.has(label));
}
