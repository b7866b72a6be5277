import type { Json } from '../world.js';

/**
 * One injected fault: the next `times` requests that match get `status` instead of reaching the emulator, or with
 * `drop` lose their connection: 'before' the emulator sees the request, or 'after' it handled it (a lost response).
 */
export interface FaultRule {
  method?: string;
  /** Case-insensitive substring of path + query. */
  pathIncludes?: string;
  status?: number;
  drop?: 'before' | 'after';
  headers?: Record<string, string>;
  /** Defaults to an ARM error body matching the status. */
  body?: Json;
  times: number;
}

export interface LroFailure {
  /** Case-insensitive substring of the resource id whose next LRO should fail. */
  resourceIncludes: string;
  error: { code: string; message: string };
}

const DEFAULT_ERRORS: Record<number, { code: string; message: string }> = {
  409: { code: 'Conflict', message: 'The request could not be completed due to a conflict.' },
  412: { code: 'PreconditionFailed', message: "Operation failed with status: 'Precondition Failed'." },
  429: {
    code: 'SubscriptionRequestsThrottled',
    message: "Number of requests for subscription exceeded the limit of '12000' for time interval '01:00:00'. Please try again after '1' seconds.",
  },
  500: { code: 'InternalServerError', message: 'Encountered internal server error. Diagnostic information: timestamp, subscription id, tracking id.' },
  502: { code: 'BadGateway', message: 'The gateway did not receive a response within the specified time period.' },
  503: { code: 'ServiceUnavailable', message: 'The service is currently unavailable. Please try again later.' },
};

/** In-memory fault injection for the ARM emulator; tests and the sandbox UI add rules at run time. */
export class ArmFaults {
  latencyMs = 0;
  /** Sees every request before it is answered (tests count writes, or act at the moment one arrives). */
  onRequest: ((method: string, pathAndQuery: string) => void) | undefined;
  private rules: FaultRule[] = [];
  private lroFailures: LroFailure[] = [];
  private runCommandFailures: Array<{ clusterIncludes: string; reason: string }> = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  /** The next LRO on a matching resource ends `Failed` with `error`. */
  failNextLro(resourceIncludes: string, error: { code: string; message: string }): void {
    this.lroFailures.push({ resourceIncludes, error });
  }

  /** The next Run Command on a matching cluster cannot start its pod: its result is `failed` with only `reason`. */
  failNextRunCommand(clusterIncludes: string, reason = 'ImagePullBackoff'): void {
    this.runCommandFailures.push({ clusterIncludes, reason });
  }

  takeRunCommandFailure(clusterId: string): string | undefined {
    const i = this.runCommandFailures.findIndex((f) => clusterId.toLowerCase().includes(f.clusterIncludes.toLowerCase()));
    return i < 0 ? undefined : this.runCommandFailures.splice(i, 1)[0].reason;
  }

  clear(): void {
    this.rules = [];
    this.lroFailures = [];
    this.runCommandFailures = [];
    this.latencyMs = 0;
  }

  get pending(): number {
    return this.rules.length + this.lroFailures.length + this.runCommandFailures.length;
  }

  /** Consumes one use of the first rule matching this request. */
  take(method: string, pathAndQuery: string): { drop: 'before' | 'after' } | { status: number; headers: Record<string, string>; body: Json } | undefined {
    this.onRequest?.(method, pathAndQuery);
    const target = pathAndQuery.toLowerCase();
    const i = this.rules.findIndex(
      (r) =>
        r.times > 0 &&
        (!r.method || r.method.toUpperCase() === method.toUpperCase()) &&
        (!r.pathIncludes || target.includes(r.pathIncludes.toLowerCase())),
    );
    if (i < 0) return undefined;
    const rule = this.rules[i];
    rule.times -= 1;
    if (rule.times <= 0) this.rules.splice(i, 1);
    if (rule.drop) return { drop: rule.drop };
    const status = rule.status ?? 500;
    const error = DEFAULT_ERRORS[status] ?? { code: 'InjectedFault', message: `Injected fault with status ${status}.` };
    return { status, headers: rule.headers ?? {}, body: rule.body ?? { error } };
  }

  takeLroFailure(resourceId: string): { code: string; message: string } | undefined {
    const i = this.lroFailures.findIndex((f) => resourceId.toLowerCase().includes(f.resourceIncludes.toLowerCase()));
    if (i < 0) return undefined;
    return this.lroFailures.splice(i, 1)[0].error;
  }
}
