import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './deploy-files';

const SCRIPT = join(WORKSPACE_ROOT, 'tools/scripts/leftover-processes.js');
const { findLeftovers } = require(SCRIPT) as {
  findLeftovers(options: { procDir?: string; marker: string; exclude?: number[] }): { pid: number; command: string }[];
};

function fakeProc(processes: Record<number, { env: string[]; cmd: string[] }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'proc-'));
  mkdirSync(join(dir, 'self'));
  for (const [pid, { env, cmd }] of Object.entries(processes)) {
    mkdirSync(join(dir, pid));
    writeFileSync(join(dir, pid, 'environ'), env.map((e) => `${e}\0`).join(''));
    writeFileSync(join(dir, pid, 'cmdline'), cmd.map((c) => `${c}\0`).join(''));
  }
  return dir;
}

describe('tools/scripts/leftover-processes.js', () => {
  it('finds the processes carrying this run\'s marker, not other runs\' nor unmarked ones, nor the excluded', () => {
    const procDir = fakeProc({
      10: { env: ['PATH=/bin', 'SENTIMENT_INGEST_TEST_RUN=run-a'], cmd: ['zstd', '-d'] },
      11: { env: ['SENTIMENT_INGEST_TEST_RUN=run-b'], cmd: ['node', 'fake-reddit.js'] },
      12: { env: ['PATH=/bin'], cmd: ['postgres'] },
      13: { env: ['SENTIMENT_INGEST_TEST_RUN=run-a'], cmd: ['bash', 'test.sh'] },
      14: { env: ['SENTIMENT_INGEST_TEST_RUN=run-ab'], cmd: ['pgbouncer'] },
    });
    expect(findLeftovers({ procDir, marker: 'run-a', exclude: [13] })).toEqual([{ pid: 10, command: 'zstd -d' }]);
  });

  it('fails loudly naming a real survivor, and kills it with --kill', async () => {
    const marker = `spec-${process.pid}-${Date.now()}`;
    const child = spawn('sleep', ['60'], { env: { ...process.env, SENTIMENT_INGEST_TEST_RUN: marker }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const run = spawnSync(process.execPath, [SCRIPT, marker, '--kill'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`pid ${child.pid}: sleep 60`);
    await exited;
    const again = spawnSync(process.execPath, [SCRIPT, marker], { encoding: 'utf8' });
    expect([again.status, again.stderr]).toEqual([0, '']);
  });
});
