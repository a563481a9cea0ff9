export { createJobsTable } from './job-key-table.ts';
export * from './sqs-job-queue.ts';
