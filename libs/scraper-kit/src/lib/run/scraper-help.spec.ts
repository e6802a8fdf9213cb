import { z } from 'zod';
import { scraperArguments, scraperHelp } from './scraper-help';

describe('scraperArguments', () => {
  it('runs without arguments, helps with --help or -h alone, and names the first unknown argument', () => {
    expect(scraperArguments([])).toEqual({ kind: 'run' });
    expect(scraperArguments(['--help'])).toEqual({ kind: 'help' });
    expect(scraperArguments(['-h'])).toEqual({ kind: 'help' });
    expect(scraperArguments(['--help', '--verbose'])).toEqual({ kind: 'unknown', argument: '--verbose' });
    expect(scraperArguments(['serve'])).toEqual({ kind: 'unknown', argument: 'serve' });
  });
});

describe('scraperHelp', () => {
  it('lists the kit exit codes with the source ones in order, and says where the variables come from', () => {
    const text = scraperHelp({ app: 'x-scraper', envShape: { X_TOKEN: z.string().describe('the token') }, exitCodes: { 8: 'banned', 7: 'token refused' } });
    expect(text).toContain('from a .env file in the working directory (a variable set in the process wins)');
    expect(text).toContain('  X_TOKEN  required  the token');
    const codes = text.slice(text.indexOf('Exit codes:')).trim().split('\n').slice(1).map((line) => line.trim().split(/\s+/)[0]);
    expect(codes).toEqual(['0', '1', '2', '3', '4', '6', '7', '8']);
  });

  it('points to the README when the definition has no schema', () => {
    expect(scraperHelp({ app: 'x-scraper' })).toContain('  (see the README)');
  });
});
