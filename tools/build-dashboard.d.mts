// Types for build-dashboard.mjs, for the tests and benchmarks that build the dashboard first.
export const ROOT: string;
export const DASHBOARD_SRC: string;
export const DASHBOARD_DIST: string;
export function buildDashboard(options?: { quiet?: boolean }): Promise<{ dir: string }>;
