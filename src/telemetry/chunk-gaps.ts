/**
 * The chunk gaps of one call waiting to be recorded (GenAI `time_per_output_chunk`, one value per
 * chunk after an attempt's first). A chunk writes its gap into a fixed array, so the telemetry path
 * allocates nothing per chunk and the OTel SDK records the values together, once per batch.
 */

/** Gaps held before they are recorded; the rest are recorded at each attempt's end. */
export const CHUNK_GAP_BATCH = 16;

/**
 * Longest time (ms) a gap waits: a chunk arriving this long after the oldest pending gap's records
 * the batch even when it is not full, so a slow stream's gaps reach the metrics within about a second.
 */
export const CHUNK_GAP_MAX_WAIT_MS = 1000;

/** A batch of chunk gaps (s), written in place. */
export class ChunkGaps {
  /** The gaps; the first {@link ChunkGaps.count} are pending. */
  readonly values = new Float64Array(CHUNK_GAP_BATCH);
  /** Gaps pending. */
  count = 0;
  /** When the oldest pending gap was added (ms, the caller's clock). */
  #since = 0;

  /** Adds a gap measured at `at` (ms); true when the batch is full or has waited long enough (record and clear it). */
  add(seconds: number, at: number): boolean {
    if (this.count === 0) this.#since = at;
    this.values[this.count++] = seconds;
    return this.count === CHUNK_GAP_BATCH || at - this.#since >= CHUNK_GAP_MAX_WAIT_MS;
  }
}
