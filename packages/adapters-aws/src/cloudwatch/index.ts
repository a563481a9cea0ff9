export * from './emf-metrics.ts';
