// Compares two V8 heap snapshots (e.g. written by case 07 with BENCH_07_HEAP_SNAPSHOT_DIR at the
// moment every call is held in flight): retained objects by constructor (or V8 node type), the
// difference B − A in count and self size, divided by the number of in-flight calls.
// --owners names every array, plain Object, string, closure context and V8-internal node after
// the constructor of the object that retains it (its first strong retainer that is a named
// object), e.g. "(array) <- SpanImpl", to show which class the memory hangs from.
// Usage: node bench/heap-summary.mjs A.heapsnapshot B.heapsnapshot [--calls N] [--top N] [--owners]
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const [fileA, fileB] = args.filter((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--")));
const calls = Number(option("calls", 1));
const top = Number(option("top", 40));
const byOwner = args.includes("--owners");
const NAMED = new Set(["Object", "Array", "system / Context", ""]);

/** Map "type:name" → { count, size } over every node of the snapshot. */
function summarise(file) {
  const { snapshot, nodes, edges, strings } = JSON.parse(readFileSync(file, "utf8"));
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt, edgeCountAt] = ["type", "name", "self_size", "edge_count"].map((f) => fields.indexOf(f));
  const edgeFields = snapshot.meta.edge_fields;
  const edgeTypes = snapshot.meta.edge_types[0];
  const edgeWidth = edgeFields.length;
  const [edgeTypeAt, toAt] = ["type", "to_node"].map((f) => edgeFields.indexOf(f));
  const plainName = (i) => {
    const type = types[nodes[i + typeAt]];
    return type === "object" || type === "closure" ? `${type}:${strings[nodes[i + nameAt]]}` : `(${type})`;
  };
  const isNamedObject = (i) => types[nodes[i + typeAt]] === "object" && !NAMED.has(strings[nodes[i + nameAt]]);
  // first strong retainer of each node (node index → retainer node index)
  const retainer = new Map();
  if (byOwner) {
    let e = 0;
    for (let i = 0; i < nodes.length; i += width) {
      for (let k = 0; k < nodes[i + edgeCountAt]; k++, e += edgeWidth) {
        if (edgeTypes[edges[e + edgeTypeAt]] === "weak") continue;
        const to = edges[e + toAt];
        if (!retainer.has(to)) retainer.set(to, i);
      }
    }
  }
  /** The nearest named object up the first-retainer chain (a few steps at most). */
  const ownerOf = (i) => {
    let at = retainer.get(i);
    for (let step = 0; at !== undefined && step < 4; step++, at = retainer.get(at))
      if (isNamedObject(at)) return strings[nodes[at + nameAt]];
    return "?";
  };
  const out = new Map();
  for (let i = 0; i < nodes.length; i += width) {
    // Name objects by constructor; strings, code, arrays etc. by their V8 type.
    let name = plainName(i);
    if (byOwner && !isNamedObject(i)) name = `${name} <- ${ownerOf(i)}`;
    const entry = out.get(name) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += nodes[i + sizeAt];
    out.set(name, entry);
  }
  return out;
}

const a = summarise(fileA);
const b = summarise(fileB);
const rows = [];
let total = 0;
for (const name of new Set([...a.keys(), ...b.keys()])) {
  const x = a.get(name) ?? { count: 0, size: 0 };
  const y = b.get(name) ?? { count: 0, size: 0 };
  rows.push({ name, count: (y.count - x.count) / calls, size: (y.size - x.size) / calls });
  total += y.size - x.size;
}
console.log(`B − A, per call (${calls} calls): ${(total / calls).toFixed(0)} B self size in total`);
rows.sort((p, q) => Math.abs(q.size) - Math.abs(p.size));
for (const r of rows.slice(0, top)) console.log(`${r.size.toFixed(0).padStart(8)} B  ${r.count.toFixed(2).padStart(8)} objects  ${r.name}`);
