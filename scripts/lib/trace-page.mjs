// Draws one trace of Jaeger's query API (`/api/traces/<id>`, the JSON the Jaeger UI reads) as a
// self-contained HTML page in the layout of the Jaeger UI's trace timeline: the span tree on the
// left, bars on a shared time axis on the right, and the tags and events of chosen spans below
// their rows. Used by scripts/render-images.mjs.

const COLORS = ["#17B8BE", "#F8DCA1", "#B7885E", "#FFCB99", "#F89570", "#829AE3", "#E79FD5", "#1E96BE"];

/** Escapes text for HTML. */
const html = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** A duration in µs as Jaeger shows it. */
function duration(us) {
  if (us >= 1_000_000) return `${(us / 1_000_000).toFixed(2)}s`;
  if (us >= 1000) return `${(us / 1000).toFixed(2)}ms`;
  return `${us}μs`;
}

/** The spans of `trace` in tree order, each with its depth. */
function ordered(trace) {
  const byId = new Map(trace.spans.map((span) => [span.spanID, { span, children: [] }]));
  const roots = [];
  for (const node of byId.values()) {
    const parent = (node.span.references ?? []).find((r) => r.refType === "CHILD_OF");
    const parentNode = parent && byId.get(parent.spanID);
    if (parentNode) parentNode.children.push(node);
    else roots.push(node);
  }
  const out = [];
  const visit = (node, depth) => {
    out.push({ span: node.span, depth, hasChildren: node.children.length > 0 });
    node.children.sort((a, b) => a.span.startTime - b.span.startTime).forEach((child) => visit(child, depth + 1));
  };
  roots.sort((a, b) => a.span.startTime - b.span.startTime).forEach((root) => visit(root, 0));
  return out;
}

/**
 * @param {object} trace one element of `data` of Jaeger's /api/traces response
 * @param {{ detailsFor?: (span: object) => string[] | undefined, width?: number }} options
 *   `detailsFor` returns the tag keys to show under a span's row (undefined: none)
 */
export function tracePage(trace, { detailsFor = () => undefined, width = 1400 } = {}) {
  const rows = ordered(trace);
  const start = Math.min(...trace.spans.map((s) => s.startTime));
  const end = Math.max(...trace.spans.map((s) => s.startTime + s.duration));
  const total = Math.max(1, end - start);
  const services = [...new Set(Object.values(trace.processes).map((p) => p.serviceName))];
  const color = (span) => COLORS[services.indexOf(trace.processes[span.processID]?.serviceName) % COLORS.length];
  const root = rows[0]?.span;
  const depth = Math.max(...rows.map((r) => r.depth)) + 1;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => `<span style="left:${f * 100}%">${duration(Math.round(f * total))}</span>`).join("");

  const body = rows
    .map(({ span, depth: d, hasChildren }) => {
      const service = trace.processes[span.processID]?.serviceName ?? "";
      const left = ((span.startTime - start) / total) * 100;
      const barWidth = Math.max(0.2, (span.duration / total) * 100);
      const tags = Object.fromEntries((span.tags ?? []).map((t) => [t.key, t.value]));
      const error = tags.error === true || tags["otel.status_code"] === "ERROR";
      const marks = (span.logs ?? [])
        .map((log) => `<i class="mark" style="left:${((log.timestamp - start) / total) * 100}%"></i>`)
        .join("");
      const keys = detailsFor(span);
      const details = keys
        ? `<tr class="details"><td colspan="2"><div class="detail" style="margin-left:${d * 18 + 24}px;border-color:${color(span)}">
            <b>Tags</b> ${keys
              .filter((k) => k in tags)
              .map((k) => `<span class="kv"><em>${html(k)}</em> = ${html(tags[k])}</span>`)
              .join("")}
            ${(span.logs ?? []).length ? `<br><b>Events</b> ${(span.logs ?? []).map((log) => `<span class="kv">${html(log.fields.find((f) => f.key === "event")?.value ?? "log")} <em>+${duration(log.timestamp - span.startTime)}</em></span>`).join("")}` : ""}
          </div></td></tr>`
        : "";
      return `<tr>
        <td class="name" style="padding-left:${d * 18 + 8}px">
          <span class="chev">${hasChildren ? "⌄" : ""}</span>
          <span class="svc" style="border-color:${color(span)}">${error ? '<b class="err">!</b> ' : ""}${html(service)}</span>
          <span class="op">${html(span.operationName)}</span>${tags["span.kind"] && tags["span.kind"] !== "internal" ? `<span class="kind">${html(tags["span.kind"])}</span>` : ""}
        </td>
        <td class="lane"><div class="bar" style="left:${left}%;width:${barWidth}%;background:${color(span)}"></div>${marks}
          <span class="dur" style="left:${Math.min(left + barWidth, 92)}%">${duration(span.duration)}</span></td>
      </tr>${details}`;
    })
    .join("\n");

  return `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; font: 13px/1.4 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #222; width: ${width}px; }
  header { background: #1a1a1a; color: #fff; padding: 10px 16px; font-size: 14px; }
  header b { font-size: 16px; }
  .meta { padding: 8px 16px; border-bottom: 1px solid #ddd; color: #555; }
  .meta span { margin-right: 22px; } .meta em { font-style: normal; color: #111; font-weight: 600; }
  table { border-collapse: collapse; width: 100%; table-layout: fixed; }
  td { border-bottom: 1px solid #eee; height: 27px; padding: 0; vertical-align: middle; white-space: nowrap; overflow: hidden; }
  td.name { width: 36%; border-right: 1px solid #ddd; }
  .chev { display: inline-block; width: 14px; color: #888; }
  .svc { border-left: 4px solid; padding-left: 6px; font-weight: 600; }
  .op { color: #666; margin-left: 6px; }
  .kind { color: #999; margin-left: 6px; font-size: 11px; }
  .err { color: #fff; background: #d9342b; border-radius: 50%; padding: 0 5px; font-size: 11px; }
  td.lane { position: relative; }
  .bar { position: absolute; top: 8px; height: 11px; border-radius: 2px; opacity: .9; }
  .mark { position: absolute; top: 6px; width: 1px; height: 15px; background: #222; }
  .dur { position: absolute; top: 5px; margin-left: 6px; color: #666; font-size: 11px; }
  .axis { position: relative; height: 22px; border-bottom: 1px solid #ccc; background: #f6f6f6; }
  .axis span { position: absolute; top: 4px; transform: translateX(-50%); font-size: 11px; color: #666; }
  .axis span:first-child { transform: none; margin-left: 4px; } .axis span:last-child { transform: translateX(-100%); }
  tr.details td { height: auto; white-space: normal; background: #fafafa; }
  .detail { border-left: 4px solid; margin: 4px 8px 6px; padding: 6px 10px; background: #fff; font-size: 12px; }
  .kv { display: inline-block; margin: 2px 14px 2px 0; } .kv em { font-style: normal; color: #777; }
  </style></head><body>
  <header><b>${html(trace.processes[root?.processID]?.serviceName ?? "")}: ${html(root?.operationName ?? "")}</b> &nbsp; ${html(trace.traceID.slice(0, 7))}</header>
  <div class="meta"><span>Trace Start <em>${new Date(start / 1000).toISOString().replace("T", " ").slice(0, 23)}</em></span>
    <span>Duration <em>${duration(total)}</em></span><span>Services <em>${services.length}</em></span>
    <span>Depth <em>${depth}</em></span><span>Total Spans <em>${trace.spans.length}</em></span></div>
  <table><tr><td class="name" style="padding-left:8px;background:#f6f6f6"><b>Service &amp; Operation</b></td><td class="lane"><div class="axis">${ticks}</div></td></tr>
  ${body}</table></body></html>`;
}
