/**
 * CPU time of a process and of each of its threads, from /proc (Linux), for "CPU per ask" figures
 * that, unlike latency, stay meaningful on a busy machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (CLK_TCK, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds (user + system) by thread id, each labelled with the thread's name. */
export type ThreadCpu = Map<number, { name: string; ms: number }>;

const cpuMs = (stat: string): number => {
  // Fields after the parenthesised name: state is 3rd, utime 14th, stime 15th of the whole line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
};

/** Every thread of `pid` now; threads that ended are missing (their time is in none). */
export const threadCpu = (pid: number): ThreadCpu => {
  const threads: ThreadCpu = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      threads.set(Number(tid), { name, ms: cpuMs(stat) });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return threads;
};

/** CPU each thread used between two readings, busiest first (threads that used none left out). */
export const cpuBetween = (before: ThreadCpu, after: ThreadCpu): Array<{ tid: number; name: string; ms: number }> =>
  [...after]
    .map(([tid, { name, ms }]) => ({ tid, name, ms: ms - (before.get(tid)?.ms ?? 0) }))
    .filter((thread) => thread.ms > 0)
    .sort((a, b) => b.ms - a.ms);

/** CPU milliseconds (user + system) this process has used so far, all threads. */
export const processCpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
