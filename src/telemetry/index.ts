import { metrics, SpanStatusCode, trace, type Attributes, type Counter, type Histogram, type Span, type Tracer } from '@opentelemetry/api';
import type { Logger } from '../log.js';

/** What Palisade measures; with no SDK registered these are @opentelemetry/api's no-ops (near-zero cost). */
export interface Instruments {
  tracer: Tracer;
  /** Chat turns handled, by kind (message, invoke…). */
  turns: Counter;
  /** Turn latency in milliseconds. */
  turnDuration: Histogram;
  /** Errors shown in chat, by kind: user (a UserError with its next step) or internal ("internal error, ref X"). */
  errors: Counter;
  /** Applies and timed reverts that finished, by outcome (applied | failed). */
  applies: Counter;
  /** Azure Resource Manager requests, by method and status class; duration in milliseconds. */
  armRequests: Histogram;
  /** 429 answers, by service (arm | kubernetes). */
  throttled: Counter;
}

function createInstruments(): Instruments {
  const meter = metrics.getMeter('palisade');
  return {
    tracer: trace.getTracer('palisade'),
    turns: meter.createCounter('palisade.turns', { description: 'Chat turns handled' }),
    turnDuration: meter.createHistogram('palisade.turn.duration', { description: 'Turn latency', unit: 'ms' }),
    errors: meter.createCounter('palisade.errors', { description: 'Errors shown in chat (user | internal)' }),
    applies: meter.createCounter('palisade.applies', { description: 'Applies finished (applied | failed)' }),
    armRequests: meter.createHistogram('palisade.arm.request.duration', { description: 'Azure Resource Manager requests', unit: 'ms' }),
    throttled: meter.createCounter('palisade.throttled', { description: '429 answers from Azure Resource Manager or Kubernetes' }),
  };
}

// Metric instruments made before a MeterProvider is registered stay no-ops: rebuilt when telemetry starts
let current = createInstruments();

/** The instruments in force (no-ops unless telemetry was started with a connection string). */
export function instruments(): Instruments {
  return current;
}

export interface Telemetry {
  enabled: boolean;
  /** Flushes what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

/**
 * Exports metrics and traces to Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set; otherwise nothing is
 * loaded. The distro is imported only then, so a Palisade without it starts as fast as before.
 */
export async function startTelemetry(opts: { connectionString?: string; log: Logger; liveMetrics?: boolean }): Promise<Telemetry> {
  if (!opts.connectionString) return { enabled: false, shutdown: async () => {} };
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: opts.connectionString },
    enableLiveMetrics: opts.liveMetrics ?? true,
    // Palisade's own spans and metrics, plus the Azure SDK's; the log pipeline stays pino → stdout
    instrumentationOptions: { azureSdk: { enabled: true }, http: { enabled: true }, mongoDb: { enabled: false }, mySql: { enabled: false }, postgreSql: { enabled: false }, redis: { enabled: false }, bunyan: { enabled: false }, winston: { enabled: false } },
  });
  current = createInstruments();
  opts.log.info('telemetry: exporting metrics and traces to Azure Monitor');
  return {
    enabled: true,
    async shutdown() {
      await shutdownAzureMonitor();
      current = createInstruments();
    },
  };
}

/** Runs `fn` in a span; records the error status and rethrows. */
export async function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return current.tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
      throw err;
    } finally {
      span.end();
    }
  });
}
