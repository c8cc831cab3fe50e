/**
 * Preload (`node --import`) for spec examples that wait on timers and do no I/O: replaces
 * `setTimeout` / `setInterval`, `Date` and `performance.now()` with a virtual clock
 * (`@sinonjs/fake-timers`) that jumps to the next timer as soon as the process has nothing else to
 * do. "Abort after 5 seconds" then happens after exactly 5 s of virtual time, with every token
 * timer before it fired in order, whatever the machine's load: the run takes as long as the
 * work, not as long as the timers.
 *
 * `setImmediate`, `process.nextTick` and microtasks stay real: between two timers the driver lets
 * them (and the event loop's I/O phase) run until the process is idle. Only referenced timers keep
 * the clock moving and the process alive, as real ones do: when none is left, the driver stops and
 * the process exits like it would (unreferenced timers, e.g. an SDK's export interval, do not fire).
 */
import FakeTimers from "@sinonjs/fake-timers";

/** Real event-loop turns to wait, after a timer fired, before the process counts as idle. */
const IDLE_TURNS = 3;

const realSetImmediate = globalThis.setImmediate;
const clock = FakeTimers.install({
  toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date", "performance"],
  now: Date.now(),
  loopLimit: 1_000_000,
});

/** A fake timer's handle as Node returns it (`ref` / `unref` / `hasRef`). */
interface Handle {
  hasRef(): boolean;
}

/** Pending timers by handle (a timeout leaves the set when it fires or is cleared). */
const pending = new Set<Handle>();
let driving = false;

const referenced = (): boolean => [...pending].some((handle) => handle.hasRef());

/** Waits one real event-loop turn. */
const turn = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

/** Fires due timers one at a time, each once the process is idle, while a referenced one is pending. */
async function drive(): Promise<void> {
  if (driving) return;
  driving = true;
  try {
    for (;;) {
      for (let i = 0; i < IDLE_TURNS; i++) await turn();
      if (!referenced()) return;
      clock.next();
    }
  } finally {
    driving = false;
  }
}

const fakeSetTimeout = globalThis.setTimeout;
const fakeClearTimeout = globalThis.clearTimeout;
const fakeSetInterval = globalThis.setInterval;
const fakeClearInterval = globalThis.clearInterval;

globalThis.setTimeout = ((callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => {
  const handle = fakeSetTimeout(
    (...callArgs: unknown[]) => {
      pending.delete(handle);
      callback(...callArgs);
    },
    delay,
    ...args,
  );
  pending.add(handle);
  void drive();
  return handle;
}) as typeof setTimeout;

globalThis.setInterval = ((callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => {
  const handle = fakeSetInterval(callback, delay, ...args);
  pending.add(handle);
  void drive();
  return handle;
}) as typeof setInterval;

globalThis.clearTimeout = (handle?: Parameters<typeof clearTimeout>[0]) => {
  pending.delete(handle as unknown as Handle);
  fakeClearTimeout(handle);
};

globalThis.clearInterval = (handle?: Parameters<typeof clearInterval>[0]) => {
  pending.delete(handle as unknown as Handle);
  fakeClearInterval(handle);
};
