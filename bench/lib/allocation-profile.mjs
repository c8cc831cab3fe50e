// Where the bytes a call allocates come from: V8's sampling heap profiler (node:inspector
// `HeapProfiler.startSampling`), keeping the objects that minor and major GCs collected, so a
// profile counts every byte allocated while it ran (sampled), not only what is still alive.
// Each sample's bytes are charged like CPU samples in cpu-profile.mjs: to the innermost frame on
// its stack whose package is an owner, so a package's bytes include the Node and V8 objects
// (promises, closures, arrays) its code asks for. Used by case 06's allocation rows.
import { Session } from "node:inspector";
import { packageOf } from "./cpu-profile.mjs";

/**
 * Runs `run()` under the sampling heap profiler (one sample per `intervalBytes` allocated, on
 * average) and returns the profile (`{ head }`, a tree of `{ callFrame, selfSize, children }`).
 */
export async function sampleAllocations(run, { intervalBytes = 512 } = {}) {
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  try {
    await post("HeapProfiler.enable");
    await post("HeapProfiler.startSampling", {
      samplingInterval: intervalBytes,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    let stopped;
    try {
      await run();
    } finally {
      stopped = await post("HeapProfiler.stopSampling");
    }
    return stopped.profile;
  } finally {
    session.disconnect();
  }
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
