import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { instruments } from '../telemetry/index.js';

/** Times every Azure Resource Manager request (each retry too) and counts 429s, which the SDK retries silently. */
export function armTelemetryPolicy(): PipelinePolicy {
  return {
    name: 'palisadeArmTelemetry',
    async sendRequest(request, next) {
      const started = performance.now();
      const t = instruments();
      try {
        const response = await next(request);
        t.armRequests.record(performance.now() - started, { method: request.method, status: `${Math.floor(response.status / 100)}xx` });
        if (response.status === 429) t.throttled.add(1, { service: 'arm' });
        return response;
      } catch (err) {
        t.armRequests.record(performance.now() - started, { method: request.method, status: 'error' });
        throw err;
      }
    },
  };
}
