import { readFile } from 'node:fs/promises';
import type { Pool } from 'pg';

/** What one timed run cost besides its time: CPU on both sides, and the row versions it left dead. */
export interface PhaseCost {
  /** CPU of this process (encoding, the driver) during the run, ms */
  readonly nodeCpuMs: number;
  /** CPU of the server's processes during the run, ms; null when the server's /proc cannot be read (another host) */
  readonly serverCpuMs: number | null;
  /** rows of raw_submissions rewritten by the run: each leaves a dead row version for VACUUM */
  readonly deadTuples: number;
}

/** The server's and this process's CPU and the transaction horizon at the start of a run. */
export interface CostMark {
  readonly node: NodeJS.CpuUsage;
  readonly serverCpuMs: number | null;
  /** the first transaction id the run can write with (32-bit, as `xmin` holds it) */
  readonly firstXid: number;
}

/** Kernel clock ticks per second of /proc/<pid>/stat's CPU fields (USER_HZ: 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU ms of a process from the text of its /proc/<pid>/stat: utime and stime, the 14th and 15th
 * fields. The command name (field 2) may hold spaces and parentheses, so fields are counted after
 * its closing parenthesis.
 */
export function cpuMsOfProcStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new TypeError('not a /proc/<pid>/stat line');
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Summed CPU of the server's processes (backends and background workers, as pg_stat_activity lists
 * them), or null when their /proc entries cannot be read: the server runs elsewhere.
 */
export async function serverCpuMs(pool: Pool): Promise<number | null> {
  const { rows } = await pool.query<{ pid: number }>('select pid from pg_stat_activity');
  let total = 0;
  let read = 0;
  for (const { pid } of rows) {
    try {
      total += cpuMsOfProcStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
      read += 1;
    } catch {
      // a process that ended meanwhile, or no such pid here
    }
  }
  return read === 0 ? null : total;
}

/** Marks the start of a run. */
export async function markCost(pool: Pool): Promise<CostMark> {
  const { rows } = await pool.query<{ xid: string }>(`select (txid_current() % 4294967296)::text as xid`);
  return { node: process.cpuUsage(), serverCpuMs: await serverCpuMs(pool), firstXid: Number(rows[0]?.xid ?? 0) };
}

/**
 * What the run since `mark` cost. Dead tuples are the rows of raw_submissions whose current version
 * the run wrote while a version existed before it: `rewritten` phases only (a run into an emptied
 * table inserts, and leaves nothing dead).
 */
export async function costSince(pool: Pool, mark: CostMark, rewritten: boolean): Promise<PhaseCost> {
  const node = process.cpuUsage(mark.node);
  const server = await serverCpuMs(pool);
  let deadTuples = 0;
  if (rewritten) {
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from raw_submissions where xmin::text::bigint >= $1', [mark.firstXid]);
    deadTuples = rows[0]?.n ?? 0;
  }
  return {
    nodeCpuMs: (node.user + node.system) / 1000,
    serverCpuMs: server === null || mark.serverCpuMs === null ? null : Math.max(0, server - mark.serverCpuMs),
    deadTuples,
  };
}
