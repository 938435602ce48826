// Slack signs each request once; Bolt rejects bad and stale (> 5 min) signatures but not a valid one sent again.
// Seen signatures are kept for as long as Bolt would still accept their timestamp, so a replay is refused.
const WINDOW_MS = 6 * 60_000;
const MAX_ENTRIES = 100_000;

export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  /** True the first time a signature is presented within the window, false for a replay. */
  admit(signature: string, now = Date.now()): boolean {
    const expiry = this.seen.get(signature);
    if (expiry !== undefined && expiry > now) return false;
    if (this.seen.size >= MAX_ENTRIES) this.prune(now);
    this.seen.set(signature, now + WINDOW_MS);
    return true;
  }

  private prune(now: number): void {
    for (const [signature, expiry] of this.seen) if (expiry <= now) this.seen.delete(signature);
    // Under a flood of distinct forged signatures, drop the oldest: they are the nearest to going stale anyway.
    for (const signature of this.seen.keys()) {
      if (this.seen.size < MAX_ENTRIES) break;
      this.seen.delete(signature);
    }
  }
}
