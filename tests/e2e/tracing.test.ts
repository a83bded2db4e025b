import { context, SpanKind } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { aReceivedDossier, eventually, useDossierHub } from '../testkit/dossiers';
import { traceInMemory, type TestTracing } from '../testkit/tracing';

describe('a trace from the caller through the gateway and the subgraphs to PostgreSQL', () => {
  let tracing: TestTracing;
  beforeAll(() => {
    tracing = traceInMemory();
  });
  afterAll(() => tracing?.stop());
  const hubContext = useDossierHub('2026-03-09T09:00:00+07:00');
  const { hub, who } = hubContext;

  it('continues the caller’s traceparent into one trace spanning gateway → onestop → province, down to the SQL', async () => {
    const { code } = await aReceivedDossier(hubContext, '2026-03-09T09:00:00+07:00');
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    // The caller's own traceparent, sent as is (this process's fetch is traced too, and would put its own).
    const response = await context.with(suppressTracing(context.active()), () => fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${who.supervisor}`, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      // `tier`: onestop gives the desk's name itself (@provides), the province the rest.
      body: JSON.stringify({ query: `query ReadDossier($code: ID!) { dossier(code: $code) { code status desk { code name tier } } }`, variables: { code } }),
    }));
    expect((await response.json()).data.dossier).toMatchObject({ code, status: 'RECEIVED', desk: { code: 'BG.YENTHE' } });

    const spans = await eventually(async () => {
      const ours = tracing.exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
      const services = new Set(ours.filter((span) => span.kind === SpanKind.SERVER).map((span) => span.attributes['hub.service']));
      expect([...services].sort()).toEqual(['gateway', 'onestop', 'province']);
      return ours;
    });
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const parentOf = (span: ReadableSpan) => byId.get(span.parentSpanContext?.spanId ?? '');
    /** The hub service whose server span `span` descends from. */
    const serviceOf = (span: ReadableSpan): unknown => {
      for (let at: ReadableSpan | undefined = span; at; at = parentOf(at)) if (at.kind === SpanKind.SERVER) return at.attributes['hub.service'];
      return undefined;
    };

    // The gateway's server span continues the caller's span; each subgraph's server span is a child of a
    // gateway fetch (traceparent passed on), itself under the gateway's server span.
    // The caller's request is the trace's root inside the hub (a subgraph's own read of the graph, such as
    // onestop loading its copy of the directory, is a gateway request further down the same trace).
    const gateway = spans.find((span) => span.kind === SpanKind.SERVER && span.attributes['hub.service'] === 'gateway' && !parentOf(span))!;
    expect(gateway.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    for (const service of ['onestop', 'province']) {
      const server = spans.find((span) => span.kind === SpanKind.SERVER && span.attributes['hub.service'] === service)!;
      const fetch = parentOf(server)!;
      expect(fetch.kind).toBe(SpanKind.CLIENT);
      expect(serviceOf(fetch)).toBe('gateway');
    }
    // The dossier was read from PostgreSQL inside onestop's request.
    const sql = spans.filter((span) => span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql');
    expect(sql.some((span) => serviceOf(span) === 'onestop' && /select/i.test(String(span.attributes['db.statement'] ?? span.attributes['db.query.text'] ?? span.name)))).toBe(true);

    // The followers' polling of the feeds (every 100 ms here, since the hub started) leaves no trace.
    const polling = tracing.exporter.getFinishedSpans().filter((span) => /\/events\b/.test(String(span.attributes['url.full'] ?? span.attributes['http.url'] ?? span.attributes['http.target'] ?? '')));
    expect(polling).toEqual([]);
    expect(tracing.exporter.getFinishedSpans().some((span) => /\/graphql/.test(String(span.attributes['http.url'] ?? span.attributes['url.full'] ?? '')))).toBe(true);
  });
});
