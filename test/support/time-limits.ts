// Time limits for tests: what a quiet machine needs, times room for a busy one. The suite shares
// the machine's cores with other work, and there a test takes several times as long (two first
// loads with 60 s limits took 114 s and 88 s), so a limit that trips should mean a hang, not load.

/** How many times longer than on a quiet machine a test, a hook or one process may take. */
export const BUSY_MACHINE_FACTOR = 3;

/** The limit for what finishes within `quietMs` on a quiet machine. */
export function timeLimit(quietMs: number): number {
  return quietMs * BUSY_MACHINE_FACTOR;
}
