// Options shared by the analysis functions and the API (SDL enums equal these; a test says so).
import { z } from 'zod';

export const Direction = z.enum(['OUT', 'IN', 'ANY']);
export type Direction = z.infer<typeof Direction>;

export const CentralityMetric = z.enum(['DEGREE', 'BETWEENNESS', 'PAGERANK', 'EIGENVECTOR']);
export type CentralityMetric = z.infer<typeof CentralityMetric>;
