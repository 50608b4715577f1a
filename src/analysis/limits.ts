// How much analysis one API request may ask for, and how long it may wait (analysis-service.ts).
export interface AnalysisLimits {
  /** How long a request waits for an analysis before ANALYSIS_TIMEOUT (the work goes on). */
  budgetMs: number;
  /** How long one analysis may run before its worker is stopped (ANALYSIS_TOO_LARGE). */
  hardLimitMs: number;
  /** Analyses waiting or running beyond which new ones are refused (ANALYSIS_BUSY). */
  maxPending: number;
}

export const DEFAULT_ANALYSIS_LIMITS: AnalysisLimits = { budgetMs: 5000, hardLimitMs: 120_000, maxPending: 8 };

/** The work's result if it comes within the budget, else the error `late()` makes (the work goes on). */
export function withinBudget<T>(work: Promise<T>, budgetMs: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), budgetMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
