/**
 * The chunk gaps of one call waiting to be recorded (GenAI `time_per_output_chunk`, one value per
 * chunk after an attempt's first). A chunk writes its gap into a fixed array, so the telemetry path
 * allocates nothing per chunk and the OTel SDK records the values together, once per batch.
 */

/** Gaps held before they are recorded; the rest are recorded at each attempt's end. */
export const CHUNK_GAP_BATCH = 16;

/** A batch of chunk gaps (s), written in place. */
export class ChunkGaps {
  /** The gaps; the first {@link ChunkGaps.count} are pending. */
  readonly values = new Float64Array(CHUNK_GAP_BATCH);
  /** Gaps pending. */
  count = 0;

  /** Adds a gap; true when the batch is full (record and clear it). */
  add(seconds: number): boolean {
    this.values[this.count++] = seconds;
    return this.count === CHUNK_GAP_BATCH;
  }
}
