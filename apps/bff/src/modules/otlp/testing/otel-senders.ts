import { SpanStatusCode, type Attributes, type SpanKind } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter as HttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { TEST_TOKEN } from '../../../testing/test-app.ts';

/** One span the test wants exported, with the times and outcome it expects to see stored. */
export interface SpanPlan {
  name: string;
  kind: SpanKind;
  startMs: number;
  latencyMs: number;
  attributes?: Attributes;
  statusError?: boolean;
  exception?: string;
}

type ExporterConfig = NonNullable<ConstructorParameters<typeof ProtoExporter>[0]>;

/**
 * Records spans with the real OpenTelemetry SDK (a BasicTracerProvider with the given resource)
 * and returns them as the SDK hands them to an exporter, so the same batch can be sent twice.
 */
export async function recordSpans(
  resource: Attributes,
  plans: readonly SpanPlan[],
): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('watchfloor-otlp-test');
  for (const plan of plans) {
    const span = tracer.startSpan(plan.name, {
      kind: plan.kind,
      startTime: plan.startMs,
      attributes: plan.attributes,
    });
    if (plan.exception) span.recordException({ name: plan.exception, message: 'boom' });
    if (plan.statusError) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(plan.startMs + plan.latencyMs);
  }
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

/** A real OTLP exporter pointed at the BFF with the ingest token. */
export function exporterFor(
  url: string,
  format: 'protobuf' | 'json',
  options: { gzip?: boolean; token?: string } = {},
) {
  const config: ExporterConfig = {
    url: `${url}/v1/traces`,
    headers: { Authorization: `Bearer ${options.token ?? TEST_TOKEN}` },
    compression: (options.gzip ? 'gzip' : 'none') as ExporterConfig['compression'],
  };
  return format === 'protobuf' ? new ProtoExporter(config) : new HttpJsonExporter(config);
}

/** exporter.export as a promise; rejects when the exporter reports failure. */
export function exportOnce(
  exporter: ReturnType<typeof exporterFor>,
  spans: ReadableSpan[],
): Promise<void> {
  return new Promise((resolve, reject) =>
    exporter.export(spans, (result) =>
      result.code === ExportResultCode.SUCCESS
        ? resolve()
        : reject(result.error ?? new Error('export failed')),
    ),
  );
}
