import { wholeNumberOption } from './cli-options';

class UsageError extends Error {}
const usage = (message: string) => new UsageError(message);

describe('wholeNumberOption', () => {
  const range = { fallback: 24, min: 1, max: 168 };

  it('is the fallback when the option is not given, else the number', () => {
    expect(wholeNumberOption('--hours', undefined, range, usage)).toBe(24);
    expect(wholeNumberOption('--hours', '168', range, usage)).toBe(168);
  });

  it.each(['0', '169', '1.5', '-3', 'all', ''])('refuses %j with the caller\'s usage error, naming the option and the range', (text) => {
    expect(() => wholeNumberOption('--hours', text, range, usage)).toThrow(new UsageError(`--hours "${text}" must be a whole number from 1 to 168`));
  });
});
