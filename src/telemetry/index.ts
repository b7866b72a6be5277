import { hostname } from 'node:os';
import { context, metrics, SpanKind, SpanStatusCode, trace, type Attributes, type Counter, type Histogram, type Span, type Tracer } from '@opentelemetry/api';
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
 * Exports metrics and traces to Azure Monitor (the Azure Monitor exporter behind an OpenTelemetry MeterProvider and
 * TracerProvider) when APPLICATIONINSIGHTS_CONNECTION_STRING is set; otherwise nothing is loaded, so a Palisade
 * without it starts as fast as before. Not the @azure/monitor-opentelemetry distro: it probes the VM metadata
 * endpoint and patches modules at load, neither of which Palisade needs.
 */
export async function startTelemetry(opts: { connectionString?: string; log: Logger; metricIntervalMs?: number }): Promise<Telemetry> {
  if (!opts.connectionString) return { enabled: false, shutdown: async () => {} };
  const [{ AzureMonitorMetricExporter, AzureMonitorTraceExporter }, { MeterProvider, PeriodicExportingMetricReader }, { BasicTracerProvider, BatchSpanProcessor }, { resourceFromAttributes }, { AsyncLocalStorageContextManager }] =
    await Promise.all([
      import('@azure/monitor-opentelemetry-exporter'),
      import('@opentelemetry/sdk-metrics'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/context-async-hooks'),
    ]);
  const connectionString = opts.connectionString;
  const resource = resourceFromAttributes({ 'service.name': 'palisade', 'service.instance.id': hostname() });
  const meterProvider = new MeterProvider({
    resource,
    readers: [new PeriodicExportingMetricReader({ exporter: new AzureMonitorMetricExporter({ connectionString }), exportIntervalMillis: opts.metricIntervalMs ?? 60_000 })],
  });
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new AzureMonitorTraceExporter({ connectionString }))] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  metrics.setGlobalMeterProvider(meterProvider);
  trace.setGlobalTracerProvider(tracerProvider);
  current = createInstruments();
  opts.log.info('telemetry: exporting metrics and traces to Azure Monitor');
  return {
    enabled: true,
    async shutdown() {
      // The last flush may fail (ingestion unreachable): that must not turn a clean stop into a failed one
      await Promise.all([meterProvider.shutdown(), tracerProvider.shutdown()]).catch((err: unknown) => opts.log.warn({ err }, 'telemetry: last export failed'));
      metrics.disable();
      trace.disable();
      context.disable();
      current = createInstruments();
    },
  };
}

/** Runs `fn` in a span; records the error status and rethrows. */
export async function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  return current.tracer.startActiveSpan(name, { attributes, kind }, async (span) => {
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

export { SpanKind };
