// In-process CPU profiling of benchmark batches (node:inspector), so a profile holds only the
// measured calls of one variant (no start-up, no warm-up, no other variant), while the variants
// still alternate round by round.
// - `batchProfiler(case)`: enabled by BENCH_PROFILE_DIR: each batch is written to
//   `<dir>/<case>-<variant>-r<round>-c<calls>.cpuprofile`; bench/profile-summary.mjs sums them.
// - `collectingProfiler()`: keeps each batch's profile in memory, by variant (case 06's split of
//   l0's own CPU from the OTel SDK's).
// BENCH_PROFILE_INTERVAL_US sets the sampling interval (default 100 µs).
import { Session } from "node:inspector";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** `{ start(), stop(variant, round, calls) }` hooks that hand each batch's profile to `onProfile(profile, variant, round, calls)`. */
function profilerHooks(onProfile) {
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  let ready;
  return {
    async start() {
      ready ??= post("Profiler.enable").then(() =>
        post("Profiler.setSamplingInterval", { interval: Number(process.env.BENCH_PROFILE_INTERVAL_US ?? 100) }),
      );
      await ready;
      await post("Profiler.start");
    },
    async stop(variant, round, calls) {
      const { profile } = await post("Profiler.stop");
      onProfile(profile, variant, round, calls);
    },
    close() {
      session.disconnect();
    },
  };
}

/** Returns `{ start(), stop(variant, round, calls) }` hooks for `alternatingRounds`, or undefined when not profiling. */
export function batchProfiler(caseName) {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  return profilerHooks((profile, variant, round, calls) =>
    writeFileSync(join(dir, `${caseName}-${variant}-r${round}-c${calls}.cpuprofile`), JSON.stringify(profile)),
  );
}

/** Hooks for `alternatingRounds` that keep every batch's profile: `profiles` maps variant → [{ profile, calls }]; `close()` ends the session. */
export function collectingProfiler() {
  const profiles = new Map();
  const hooks = profilerHooks((profile, variant, _round, calls) => {
    if (!profiles.has(variant)) profiles.set(variant, []);
    profiles.get(variant).push({ profile, calls });
  });
  return { ...hooks, profiles };
}
