import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { startTracing } from '../../subgraphs/common/tracing';

export interface TestTracing {
  exporter: InMemorySpanExporter;
  stop(): Promise<void>;
}

/**
 * The hub's tracing, as its processes start it, into memory. Jest loads modules through a loader of its own,
 * which the instrumentations' require hooks never see: their patches are applied here to the modules the
 * test file loaded (pg, http), and taken off at the end.
 */
export function traceInMemory(): TestTracing {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing('mot-cua-hub', exporter, true);
  const patched: Array<() => void> = [];
  for (const instrumentation of tracing.instrumentations as InstrumentationBase[]) {
    for (const definition of instrumentation.getModuleDefinitions()) {
      let exports: unknown;
      try {
        exports = require(definition.name);
      } catch {
        continue;
      }
      definition.patch?.(exports);
      patched.push(() => definition.unpatch?.(exports));
    }
  }
  return {
    exporter,
    stop: async () => {
      for (const unpatch of patched) unpatch();
      await tracing.shutdown();
    },
  };
}
