// Where the bytes a call allocates come from: V8's sampling heap profiler (node:inspector
// `HeapProfiler.startSampling`), keeping the objects that minor and major GCs collected, so a
// profile counts every byte allocated while it ran (sampled), not only what is still alive.
// Each sample's bytes are charged like CPU samples in cpu-profile.mjs: to the innermost frame on
// its stack whose package is an owner, so a package's bytes include the Node and V8 objects
// (promises, closures, arrays) its code asks for. Used by case 06's allocation rows, whose batches
// run in bench/measure.mjs's alternating rounds like every other measurement.
import { Session } from "node:inspector";
import { packageOf } from "./cpu-profile.mjs";

/**
 * Hooks for `alternatingRounds` (bench/measure.mjs) that sample each batch's allocations (one
 * sample per `intervalBytes` allocated, on average): `profiles` maps variant → [{ profile, calls }],
 * a profile being `{ head }`, a tree of `{ callFrame, selfSize, children }`; `close()` ends the
 * inspector session.
 */
export function allocationProfiler({ intervalBytes = 512 } = {}) {
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  const profiles = new Map();
  let enabled;
  return {
    profiles,
    async start() {
      enabled ??= post("HeapProfiler.enable");
      await enabled;
      await post("HeapProfiler.startSampling", {
        samplingInterval: intervalBytes,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    },
    async stop(variant, _round, calls) {
      const { profile } = await post("HeapProfiler.stopSampling");
      if (!profiles.has(variant)) profiles.set(variant, []);
      profiles.get(variant).push({ profile, calls });
    },
    close() {
      session.disconnect();
    },
  };
}

/** Sampled bytes of `profile` by package, each charged to the innermost owner frame on its stack (see the file comment). */
export function bytesByOwner(profile, isOwner) {
  const out = new Map();
  const walk = (node, owner) => {
    const pkg = packageOf(node.callFrame.url);
    const charged = isOwner(pkg) ? pkg : (owner ?? pkg);
    if (node.selfSize > 0) out.set(charged, (out.get(charged) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, isOwner(pkg) ? pkg : owner);
  };
  walk(profile.head, undefined);
  return out;
}
