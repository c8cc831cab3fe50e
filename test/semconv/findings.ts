/**
 * Non-conformance findings. A finding has a stable id (`<check> <subject>`, no run-specific
 * values) so the known-gap list can name it, and collects every instance it was seen on.
 */

/** One kind of non-conformance, with the places it was seen. */
export interface Finding {
  /** Stable id, e.g. `span.required-missing gen_ai.provider.name`. */
  readonly id: string;
  /** What is non-conformant and what the conventions say. */
  readonly message: string;
  /** Where: `fixture > signal: detail`. */
  readonly instances: string[];
}

/** Collects findings, merging instances of the same id. */
export class Findings {
  private readonly byId = new Map<string, Finding>();

  /** Records that `id` (with `message`) was seen at `instance`. */
  add(id: string, message: string, instance: string): void {
    const finding = this.byId.get(id);
    if (finding === undefined) this.byId.set(id, { id, message, instances: [instance] });
    else if (!finding.instances.includes(instance)) finding.instances.push(instance);
  }

  /** All findings, sorted by id. */
  list(): Finding[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Whether a finding with this id was recorded. */
  has(id: string): boolean {
    return this.byId.has(id);
  }
}

/** A finding as one readable line (message and up to three instances). */
export function describeFinding(finding: Finding): string {
  const shown = finding.instances.slice(0, 3).join("; ");
  const more = finding.instances.length > 3 ? ` (+${finding.instances.length - 3} more)` : "";
  return `${finding.id}: ${finding.message} [at ${shown}${more}]`;
}
