import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { diag, DiagLogLevel } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider } from "@opentelemetry/sdk-metrics";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CsvMetricReader, JsonMetricReader, L0Error, METRIC_CSV_COLUMNS } from "../../src/index.js";
import type { TextMetricReaderOptions } from "../../src/index.js";
import { captureDiag } from "../helpers/diag-messages.js";

const NOW = Date.UTC(2025, 0, 2, 3, 4, 5, 600);
const ISO = "2025-01-02T03:04:05.600Z";
let dir: string;

beforeEach(async () => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
  dir = await mkdtemp(join(tmpdir(), "l0-readers-"));
});

afterEach(async () => {
  vi.useRealTimers();
  diag.disable();
  await rm(dir, { recursive: true, force: true });
});

function setup<R extends JsonMetricReader | CsvMetricReader>(reader: R): { reader: R; provider: MeterProvider; record: () => void } {
  const provider = new MeterProvider({ readers: [reader], resource: resourceFromAttributes({ "service.name": "svc", a: 1 }) });
  const meter = provider.getMeter("l0");
  const requests = meter.createCounter("l0.requests", { description: "Requests" });
  const inflight = meter.createUpDownCounter("l0.inflight");
  const duration = meter.createHistogram("l0.duration", { unit: "s", advice: { explicitBucketBoundaries: [0.1, 1] } });
  return {
    reader,
    provider,
    record: () => {
      requests.add(2, { z: "last", model: 'a,"b"' });
      requests.add(1, { model: "gpt-4" });
      inflight.add(-1);
      duration.record(0.5, { model: "gpt-4" });
      duration.record(3, { model: "gpt-4" });
    },
  };
}

const DOC = {
  timestamp: ISO,
  resource: { a: 1, "service.name": "svc" },
  metrics: [
    {
      scope: "l0",
      name: "l0.duration",
      type: "histogram",
      unit: "s",
      description: "",
      temporality: "cumulative",
      dataPoints: [
        {
          attributes: { model: "gpt-4" },
          startTime: ISO,
          endTime: ISO,
          count: 2,
          sum: 3.5,
          min: 0.5,
          max: 3,
          buckets: { boundaries: [0.1, 1], counts: [0, 1, 1] },
        },
      ],
    },
    {
      scope: "l0",
      name: "l0.inflight",
      type: "updowncounter",
      unit: "",
      description: "",
      temporality: "cumulative",
      dataPoints: [{ attributes: {}, startTime: ISO, endTime: ISO, value: -1 }],
    },
    {
      scope: "l0",
      name: "l0.requests",
      type: "counter",
      unit: "",
      description: "Requests",
      temporality: "cumulative",
      dataPoints: [
        { attributes: { model: 'a,"b"', z: "last" }, startTime: ISO, endTime: ISO, value: 2 },
        { attributes: { model: "gpt-4" }, startTime: ISO, endTime: ISO, value: 1 },
      ],
    },
  ],
};

const CSV_ROWS = [
  `${ISO},l0,l0.duration,histogram,s,"{""model"":""gpt-4""}",,2,3.5,0.5,3,0.1;1,0;1;1`,
  `${ISO},l0,l0.inflight,updowncounter,,{},-1,,,,,,`,
  `${ISO},l0,l0.requests,counter,,"{""model"":""a,\\""b\\"""",""z"":""last""}",2,,,,,,`,
  `${ISO},l0,l0.requests,counter,,"{""model"":""gpt-4""}",1,,,,,,`,
];

describe("JsonMetricReader", () => {
  it("renders one stable JSON document per collection", async () => {
    const { reader, record } = setup(new JsonMetricReader());
    record();
    const text = await reader.collectToJSON();
    expect(text).toBe(JSON.stringify(DOC));
    expect(reader.toString()).toBe(text);
  });

  it("appends JSON Lines to a file and to a stream", async () => {
    const path = join(dir, "metrics.jsonl");
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c.toString()));
    const { reader, record } = setup(new JsonMetricReader({ destination: { path } }));
    const { reader: streamed, record: record2 } = setup(new JsonMetricReader({ destination: stream }));
    record();
    record2();
    await reader.collectToJSON();
    await reader.forceFlush();
    await streamed.collectToJSON();
    await streamed.forceFlush();
    const lines = (await readFile(path, "utf8")).split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(JSON.parse(lines[0]!)).toEqual(DOC);
    expect(chunks.join("")).toBe(`${JSON.stringify(DOC)}\n${JSON.stringify(DOC)}\n`);
  });
});

describe("CsvMetricReader", () => {
  it("renders one row per data point with RFC 4180 quoting", async () => {
    const { reader, record } = setup(new CsvMetricReader());
    record();
    expect(await reader.collectToCSV()).toBe([METRIC_CSV_COLUMNS.join(","), ...CSV_ROWS].join("\n"));
  });

  it("writes the header once to a new file, never to a file that has content", async () => {
    const fresh = join(dir, "fresh.csv");
    const { reader, record } = setup(new CsvMetricReader({ destination: { path: fresh } }));
    record();
    await reader.collectToCSV();
    await reader.collectToCSV();
    await reader.forceFlush();
    const text = await readFile(fresh, "utf8");
    expect(text).toBe([METRIC_CSV_COLUMNS.join(","), ...CSV_ROWS, ...CSV_ROWS, ...CSV_ROWS, ""].join("\n"));

    const existing = join(dir, "existing.csv");
    await writeFile(existing, "previous\n");
    const { reader: r2, record: rec2 } = setup(new CsvMetricReader({ destination: { path: existing } }));
    rec2();
    await r2.forceFlush();
    expect(await readFile(existing, "utf8")).toBe(["previous", ...CSV_ROWS, ""].join("\n"));
  });
});

describe("text metric readers: lifecycle and errors", () => {
  it("collects periodically on exportIntervalMillis and once more on shutdown (idempotent)", async () => {
    vi.useFakeTimers({ now: NOW, toFake: ["Date", "setInterval", "clearInterval"] });
    const path = join(dir, "periodic.jsonl");
    const { reader, record } = setup(new JsonMetricReader({ destination: { path }, exportIntervalMillis: 1000 }));
    record();
    await vi.advanceTimersByTimeAsync(2500);
    await reader.forceFlush();
    const before = (await readFile(path, "utf8")).trim().split("\n");
    expect(before).toHaveLength(3);
    await Promise.all([reader.shutdown(), reader.shutdown()]);
    await reader.shutdown();
    await vi.advanceTimersByTimeAsync(5000);
    expect((await readFile(path, "utf8")).trim().split("\n")).toHaveLength(4);
  });

  it("validates options with typed errors naming the field", () => {
    const bad: Array<[TextMetricReaderOptions, string]> = [
      [{ destination: {} as never }, "destination"],
      [{ destination: { path: "" } }, "destination"],
      [{ exportIntervalMillis: 0 }, "exportIntervalMillis"],
      [{ exportIntervalMillis: Number.NaN }, "exportIntervalMillis"],
      [{ cardinalityLimit: -1 }, "cardinalityLimit"],
    ];
    for (const [options, field] of bad) {
      for (const make of [() => new JsonMetricReader(options), () => new CsvMetricReader(options)]) {
        expect(make).toThrow(L0Error);
        try {
          make();
        } catch (error) {
          expect((error as L0Error).details.field).toBe(field);
        }
      }
    }
  });

  it("never throws after construction: unbound, shut down and unwritable readers log to diag", async () => {
    const errors = captureDiag(DiagLogLevel.ERROR);
    expect(await new JsonMetricReader().collectToJSON()).toBeUndefined();
    const { reader, record } = setup(new CsvMetricReader({ destination: { path: join(dir, "missing-dir", "x.csv") } }));
    record();
    await reader.forceFlush();
    await reader.shutdown();
    expect(await reader.collectToCSV()).toBeUndefined();
    expect(errors).toContain("l0: metric reader collection failed");
    expect(errors).toContain("l0: metric reader could not write its output");
  });

  it("applies the SDK cardinality limit with the otel.metric.overflow series", async () => {
    const reader = new JsonMetricReader({ cardinalityLimit: 3 });
    const provider = new MeterProvider({ readers: [reader] });
    const counter = provider.getMeter("l0").createCounter("hits");
    for (let i = 0; i < 10; i++) counter.add(1, { user: `u${i}` });
    const doc = JSON.parse((await reader.collectToJSON())!) as {
      metrics: Array<{ dataPoints: Array<{ attributes: Record<string, unknown>; value: number }> }>;
    };
    const points = doc.metrics[0]!.dataPoints;
    expect(points).toHaveLength(3);
    expect(points.find((p) => p.attributes["otel.metric.overflow"] === true)?.value).toBe(8);
  });
});
