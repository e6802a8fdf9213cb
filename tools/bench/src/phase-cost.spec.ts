import { cpuMsOfProcStat } from './phase-cost';

describe('cpuMsOfProcStat', () => {
  it('reads utime and stime (fields 14 and 15) in clock ticks of 10 ms', () => {
    const stat = '4242 (postgres) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 75 0 0 20 0 1 0 100 0 0';
    expect(cpuMsOfProcStat(stat)).toBe(3250);
  });

  it('counts fields after the command name, which may hold spaces and parentheses', () => {
    const stat = '77 (postgres: si (bench) idle) S 1 77 77 0 -1 0 0 0 0 0 10 5 0 0 20 0 1 0 1 0 0';
    expect(cpuMsOfProcStat(stat)).toBe(150);
  });

  it('refuses text that is not a stat line rather than inventing a figure', () => {
    expect(() => cpuMsOfProcStat('not a stat line')).toThrow(TypeError);
  });
});
