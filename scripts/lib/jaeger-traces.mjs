// Reads traces from Jaeger's query API (/api/traces, the JSON API of the Jaeger UI) and turns them
// into span trees with plain attribute maps.

/** Fetches the traces of `service` from the last hour. */
export async function fetchTraces(queryUrl, service, limit = 1000) {
  const url = `${queryUrl}/api/traces?service=${encodeURIComponent(service)}&limit=${limit}&lookback=1h`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  const body = await response.json();
  return (body.data ?? []).map(toTree);
}

function tagValue(tag) {
  return tag.value;
}

/** One Jaeger trace as { traceId, spans: Map<spanId, span> } with parent/children links. */
function toTree(trace) {
  const spans = new Map();
  for (const raw of trace.spans) {
    const attributes = {};
    for (const tag of raw.tags ?? []) attributes[tag.key] = tagValue(tag);
    const events = (raw.logs ?? []).map((log) => {
      const fields = {};
      for (const f of log.fields ?? []) fields[f.key] = f.value;
      return { name: fields.event, fields };
    });
    const parent = (raw.references ?? []).find((r) => r.refType === "CHILD_OF" && r.traceID === raw.traceID);
    spans.set(raw.spanID, {
      id: raw.spanID,
      traceId: raw.traceID,
      name: raw.operationName,
      parentId: parent?.spanID,
      kind: attributes["span.kind"] ?? "internal",
      attributes,
      events,
      service: trace.processes?.[raw.processID]?.serviceName,
      // Jaeger keeps microseconds: start (epoch µs) and duration (µs), each truncated from ns.
      startTime: raw.startTime,
      duration: raw.duration,
      children: [],
    });
  }
  for (const span of spans.values()) {
    if (span.parentId !== undefined) spans.get(span.parentId)?.children.push(span);
  }
  return { traceId: trace.traceID, spans };
}

/** Indented text rendering of a span tree, for failure messages and the log. */
export function renderTree(span, depth = 0) {
  const lines = [`${"  ".repeat(depth)}${span.name} [${span.kind}]`];
  for (const child of span.children) lines.push(renderTree(child, depth + 1));
  return lines.join("\n");
}
