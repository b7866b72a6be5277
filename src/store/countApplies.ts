import { instruments } from '../telemetry/index.js';
import type { AuditEntry, Store } from './types.js';

const APPLY_KINDS = new Set(['apply', 'timer']);

/** The store, counting applies and timed reverts as their audit entries are written (the one record every apply leaves). */
export function countApplies(store: Store): Store {
  const appendAudit = async (entry: AuditEntry) => {
    await store.appendAudit(entry);
    if (APPLY_KINDS.has(entry.kind) && entry.outcome) instruments().applies.add(1, { kind: entry.kind, outcome: entry.outcome === 'applied' ? 'applied' : 'failed' });
  };
  return new Proxy(store, {
    get(target, key) {
      if (key === 'appendAudit') return appendAudit;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
