import { trace } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { NodeTracerProvider, SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { RequestHandler } from 'express';
import { env } from './env';

/**
 * OpenTelemetry traces from the gateway through the subgraphs to PostgreSQL: the HTTP servers and clients
 * (W3C `traceparent` read on the way in and passed on with every fetch), the gateway's query plan (Apollo
 * Gateway's own spans), and each SQL statement (pg). Exported over OTLP/HTTP when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, off otherwise. The instrumentations patch modules as they are loaded,
 * so tracing starts when this file is imported, first thing in each process's entry (`import
 * '../common/tracing'`). The SDK, the exporter and the instrumentations are loaded only then: unused, they
 * would hold some 25 MB in every process.
 */

export interface Tracing {
  provider: NodeTracerProvider;
  instrumentations: Instrumentation[];
  shutdown(): Promise<void>;
}

let started: Tracing | undefined;

/** Starts tracing into `exporter` (batched; `immediate`: each span as it ends, for tests). Once per process. */
export function startTracing(serviceName: string, exporter: SpanExporter, immediate = false): Tracing {
  if (started) return started;
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { ATTR_SERVICE_NAME } = require('@opentelemetry/semantic-conventions') as typeof import('@opentelemetry/semantic-conventions');
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors: [immediate ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  // W3C trace context and baggage propagation, and async context across awaits.
  provider.register();
  // Scrapes, probes and the followers' polling of the feeds (several a second) are not traced: they would
  // drown the requests. SQL is traced inside a traced request only.
  const untraced = /^\/(metrics|livez|readyz|health|events)\b/;
  const instrumentations: Instrumentation[] = [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => untraced.test(request.url ?? '') }),
    new UndiciInstrumentation({ ignoreRequestHook: (request) => untraced.test(request.path) }),
    new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
  ];
  const unregister = registerInstrumentations({ tracerProvider: provider, instrumentations });
  started = {
    provider,
    instrumentations,
    shutdown: async () => {
      unregister();
      await provider.shutdown();
      started = undefined;
    },
  };
  return started;
}

/** Names the hub's service on the request's server span (several run in one process under `npm start`). */
export function traceService(service: string): RequestHandler {
  return (_req, _res, next) => {
    trace.getActiveSpan()?.setAttribute('hub.service', service);
    next();
  };
}

// Import-time start: OTLP when configured. A bad configuration is reported by the process's own start.
try {
  const { tracing } = env();
  if (tracing.otlpEndpoint) {
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    startTracing(tracing.serviceName, new OTLPTraceExporter());
  }
} catch {
  // The configuration error surfaces where the process reads it.
}
