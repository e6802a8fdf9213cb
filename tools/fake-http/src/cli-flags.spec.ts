import { parseFlags } from './cli-flags';

const OPTIONS = { port: { type: 'string' }, help: { type: 'boolean' } } as const;
const usage = (problem: string) => new Error(`usage: ${problem}`);

describe('parseFlags', () => {
  it('reads string and boolean flags', () => {
    expect(parseFlags(['--port', '80', '--help'], OPTIONS, usage)).toEqual({ port: '80', help: true });
    expect(parseFlags([], OPTIONS, usage)).toEqual({});
  });

  it.each([[['--nope', 'x']], [['stray']]])('turns %j into the usage error', (argv) => {
    expect(() => parseFlags(argv, OPTIONS, usage)).toThrow(/^usage: /);
  });
});
