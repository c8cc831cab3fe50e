// Reading V8 CPU profiles (`.cpuprofile`, from `node --cpu-prof` or node:inspector): which package a
// frame belongs to, and the time of each sample charged to a package, either to the sample's own
// frame ("self") or to the innermost frame on its stack that belongs to an "owner" package, so an
// owner's time includes the Node and V8 code it calls. Used by bench/profile-summary.mjs and by
// case 06's split of l0's own CPU from the OTel SDK's.

/** The package a script URL belongs to: `l0` (this package's dist/), `node_modules/<name>`'s name, `node:`, `bench`, or V8's pseudo nodes. */
export function packageOf(url) {
  if (url === "") return "(native/v8)";
  if (url.startsWith("node:")) return "node:";
  const nm = url.lastIndexOf("node_modules/");
  if (nm !== -1) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (/\/dist\/(testing\/)?index\.(c?js|mjs)/.test(url)) return "l0";
  if (url.includes("/bench/")) return "bench";
  return url;
}

/** The package of a profile node: V8's pseudo nodes ("(garbage collector)", "(idle)", "(program)") by name. */
export function packageOfNode(node) {
  const name = node.callFrame.functionName;
  return node.callFrame.url === "" && name.startsWith("(") ? name : packageOf(node.callFrame.url);
}

/**
 * Microseconds of each sample of `profile`, by the node it is charged to: its own node, or (with
 * `isOwner`, a predicate on package names) the innermost node on its stack whose package is an
 * owner (its own node when none is). Returns Map(node → µs); `timeDeltas[0]` (the wait before the
 * first sample) is not profiled time.
 */
export function chargedTime(profile, isOwner) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const chargeTo = new Map();
  if (isOwner !== undefined) {
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    for (const n of profile.nodes) {
      let id = n.id;
      while (id !== undefined && !isOwner(packageOf(byId.get(id).callFrame.url))) id = parent.get(id);
      chargeTo.set(n.id, byId.get(id ?? n.id));
    }
  }
  const out = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = chargeTo.get(profile.samples[i]) ?? byId.get(profile.samples[i]);
    // a sample's time is the delta to the next sample
    out.set(node, (out.get(node) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  return out;
}

/** Microseconds by package of `profile` (see {@link chargedTime}). */
export function timeByPackage(profile, isOwner) {
  const out = new Map();
  for (const [node, us] of chargedTime(profile, isOwner)) {
    const pkg = packageOfNode(node);
    out.set(pkg, (out.get(pkg) ?? 0) + us);
  }
  return out;
}
