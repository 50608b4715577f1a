// One line of bench/results/summary.json: a measured figure beside its target and its baseline.
export interface Target {
  name: string;
  value: number;
  unit: string;
  target: string;
  baseline: number | null;
  ratio: number | null;
  met: boolean;
}
