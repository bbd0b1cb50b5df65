// OpenTelemetry bootstrap. It must run before the instrumented modules (http, express, pg, kafkajs) are loaded, so
// each main.ts imports this file first, for its side effect (alias @credit-share/telemetry; it loads nothing else).
// The exporter is chosen by the standard OTEL_* environment variables (OTEL_TRACES_EXPORTER=otlp|console|none,
// OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME), which the SDK itself reads; this file is therefore, with the
// *.config.ts files, one of the few places that read process.env. Unset or "none": nothing is started.
import type { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;

export interface TelemetrySettings {
  serviceName: string;
  /** OTEL_TRACES_EXPORTER: "otlp" | "console" | "none". */
  tracesExporter: string;
}

export function startTelemetry(settings: TelemetrySettings): void {
  if (sdk || settings.tracesExporter === 'none' || settings.tracesExporter === '') return;
  // Loaded only when tracing is on: the SDK and its instrumentations cost ~1 s of startup.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { getNodeAutoInstrumentations } =
    require('@opentelemetry/auto-instrumentations-node') as typeof import('@opentelemetry/auto-instrumentations-node');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName, 'service.namespace': 'credit-share' }),
    instrumentations: [
      getNodeAutoInstrumentations({
        '@opentelemetry/instrumentation-fs': { enabled: false },
        '@opentelemetry/instrumentation-dns': { enabled: false },
        '@opentelemetry/instrumentation-net': { enabled: false },
      }),
    ],
  });
  sdk.start();
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}

/** apps/<name>/src/main.js → <name>; the process's service name unless OTEL_SERVICE_NAME says otherwise. */
function serviceNameOfEntry(entry: string | undefined): string {
  const match = entry ? /apps[\\/]([a-z-]+)[\\/]/.exec(entry) : null;
  return match ? `credit-share-${match[1]}` : 'credit-share';
}

startTelemetry({
  serviceName: process.env['OTEL_SERVICE_NAME'] ?? serviceNameOfEntry(process.argv[1]),
  tracesExporter: process.env['OTEL_TRACES_EXPORTER'] ?? 'none',
});
