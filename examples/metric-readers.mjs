// JSON and CSV metric readers: l0's OTel metrics written to files (JSON Lines and CSV), e.g. for
// batch jobs or CI runs without a metrics backend.
//   node examples/metric-readers.mjs [folder]     (default: a new temp folder)
import { randomUUID } from "node:crypto";
import path from "node:path";
import { CsvMetricReader, JsonMetricReader, l0, registerL0Instrumentation } from "l0";
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider } from "@opentelemetry/sdk-metrics";
import { faults, mockModel } from "./lib/mock-model.mjs";
import { outputFolder } from "./lib/stand-ins.mjs";

const folder = outputFolder(process.argv[2]);
const json = new JsonMetricReader({ destination: { path: path.join(folder, "l0-metrics.jsonl") } });
const csv = new CsvMetricReader({ destination: { path: path.join(folder, "l0-metrics.csv") } });
// The SDK's default resource, this job's name and a unique instance id per process, then
// OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES: each JSON line's `resource` says which process
// wrote it (the CSV rows carry no resource).
const resource = defaultResource()
  .merge(resourceFromAttributes({ "service.name": "l0-batch-job", "service.instance.id": randomUUID() }))
  .merge(detectResources({ detectors: [envDetector] }));
const meterProvider = new MeterProvider({ resource, readers: [json, csv] });
registerL0Instrumentation({ meterProvider });

for (const failures of [[], [faults.serverError(503)]]) {
  const result = await l0({
    stream: mockModel({ failures }),
    retry: { baseDelay: 10 },
    monitoring: { enabled: true, provider: "openai", model: "gpt-4o-mini" },
  });
  for await (const event of result.stream) {
    // Stream handling...
  }
}

// One collection now (printed), and a last one written by shutdown.
const document = JSON.parse(await json.collectToJSON());
for (const metric of document.metrics) {
  const points = metric.dataPoints.length;
  console.log(`${metric.name} (${metric.type}${metric.unit ? `, ${metric.unit}` : ""}): ${points} data point${points === 1 ? "" : "s"}`);
}
await meterProvider.shutdown();
console.log(`wrote ${path.join(folder, "l0-metrics.jsonl")} and ${path.join(folder, "l0-metrics.csv")}`);
