import { runCli } from './cli';
import { USAGE } from './cli-options';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { stdout: (line: string) => out.push(line), stderr: (line: string) => err.push(line) } };
}

describe('runCli', () => {
  it('prints the usage for --help and exits 0', async () => {
    const { out, err, output } = capture();
    expect(await runCli(['--help'], {}, output, new AbortController().signal)).toBe(0);
    expect(out).toEqual([USAGE]);
    expect(err).toEqual([]);
    expect(USAGE).toMatch(/FAKE_HN_<OPTION>[\s\S]*--port N[\s\S]*--history-minutes N[\s\S]*--faults LIST/);
  });

  it('exits 2 with every problem and the usage on stderr for bad options', async () => {
    const { out, err, output } = capture();
    expect(await runCli(['--port', 'x', '--seed', '1.5'], {}, output, new AbortController().signal)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/Invalid options:\n {2}- --port must be a whole number[\s\S]*--seed[\s\S]*Usage:/);
  });

  it('serves until aborted, after printing where it listens, then exits 0', async () => {
    const { out, output } = capture();
    const controller = new AbortController();
    const running = runCli(['--port', '0', '--history-minutes', '60', '--seed', '3'], {}, output, controller.signal);
    while (out.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const address = JSON.parse(out[0]!) as { baseUrl: string; origin: string; firstId: number; maxItem: number };
    expect(address.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v0$/);
    expect(address.firstId).toBe(40_000_000);
    expect(address.maxItem).toBeGreaterThan(address.firstId + 300);
    const maxItem = Number(await (await fetch(`${address.baseUrl}/maxitem.json`)).text());
    expect(maxItem).toBeGreaterThanOrEqual(address.maxItem);
    controller.abort();
    expect(await running).toBe(0);
    await expect(fetch(`${address.baseUrl}/maxitem.json`)).rejects.toThrow(/fetch failed/);
  });
});
