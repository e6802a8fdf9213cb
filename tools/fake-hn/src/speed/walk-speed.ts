/**
 * How fast the fake serves an id walk (not a test): starts the built fake as its own process with
 * a month of history, fetches every id from its first to maxitem with `--concurrency` requests in
 * flight (fetch, keep-alive, as a scraper would), and prints items/s and the fake's peak RSS.
 *
 *   npx nx run fake-hn:speed -- --history-minutes 43200 --concurrency 16
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    'history-minutes': { type: 'string', default: '43200' },
    concurrency: { type: 'string', default: '16' },
    limit: { type: 'string', default: '0' },
  },
});
const historyMinutes = Number(values['history-minutes']);
const concurrency = Number(values.concurrency);
const limit = Number(values.limit);

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux)
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

async function main(): Promise<void> {
  const mainJs = join(process.cwd(), 'dist/tools/fake-hn/main.js');
  const started = Date.now();
  const child = spawn(process.execPath, [mainJs, '--port', '0', '--history-minutes', String(historyMinutes), '--null-lag-ms', '0', '--late-rate', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8').trim()));
    child.once('exit', (code) => reject(new Error(`the fake exited with ${code}`)));
  });
  const { baseUrl, firstId, maxItem } = JSON.parse(line) as { baseUrl: string; firstId: number; maxItem: number };
  const pid = child.pid ?? 0;
  const startup = { ms: Date.now() - started, ...memoryOf(pid) };
  const last = limit > 0 ? Math.min(maxItem, firstId + limit - 1) : maxItem;
  let next = firstId;
  let nulls = 0;
  let bytes = 0;
  const walkStarted = Date.now();
  const cpuBefore = cpuSecondsOf(pid);
  const worker = async () => {
    while (next <= last) {
      const id = next++;
      const response = await fetch(`${baseUrl}/item/${id}.json`);
      const text = await response.text();
      bytes += text.length;
      if (response.status !== 200) throw new Error(`item ${id}: ${response.status}`);
      if (text === 'null') nulls++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - walkStarted) / 1000;
  const ids = last - firstId + 1;
  const after = memoryOf(pid);
  const fakeCpuSeconds = cpuSecondsOf(pid) - cpuBefore;
  child.kill('SIGTERM');
  const report = {
    ids,
    nulls,
    concurrency,
    seconds: Math.round(seconds * 10) / 10,
    itemsPerSecond: Math.round(ids / seconds),
    meanBytes: Math.round(bytes / ids),
    fakeCpuSeconds: Math.round(fakeCpuSeconds * 10) / 10,
    fakeCpuMsPer1000Items: Math.round((fakeCpuSeconds * 1e6) / ids),
    fakeStartup: startup,
    fakeAfterWalk: after,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? (error.stack ?? error) : error)}\n`);
  process.exitCode = 1;
});
