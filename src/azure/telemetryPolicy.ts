import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { inSpan, instruments, SpanKind } from '../telemetry/index.js';

/** One client span per Azure Resource Manager request (each retry too), its duration, and a count of 429s the SDK retries silently. */
export function armTelemetryPolicy(): PipelinePolicy {
  return {
    name: 'palisadeArmTelemetry',
    sendRequest(request, next) {
      const url = new URL(request.url);
      const started = performance.now();
      const attributes = { 'http.request.method': request.method, 'server.address': url.hostname, 'url.path': url.pathname };
      return inSpan(
        `ARM ${request.method}`,
        attributes,
        async (span) => {
          const t = instruments();
          try {
            const response = await next(request);
            span.setAttribute('http.response.status_code', response.status);
            t.armRequests.record(performance.now() - started, { method: request.method, status: `${Math.floor(response.status / 100)}xx` });
            if (response.status === 429) t.throttled.add(1, { service: 'arm' });
            return response;
          } catch (err) {
            t.armRequests.record(performance.now() - started, { method: request.method, status: 'error' });
            throw err;
          }
        },
        SpanKind.CLIENT,
      );
    },
  };
}
