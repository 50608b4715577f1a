// A promise raced against a time budget: the caller stops waiting, the work goes on (the
// analysis and draft services keep its result for the next ask).

/** The work's result if it comes within the budget, else the error `late()` makes (the work goes on). */
export function withinBudget<T>(work: Promise<T>, budgetMs: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), budgetMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
