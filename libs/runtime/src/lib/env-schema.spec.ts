import { z } from 'zod';
import { booleanVar, httpUrlVar, intInRange, numberInRange, parseEnv } from './env-schema';
import { ConfigError } from './errors';

const shape = { PORT: intInRange(9464, 0, 65_535), VERBOSE: booleanVar(false), NAME: z.string({ error: 'is not set' }) };

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseEnv', () => {
  it('applies defaults, converts values and freezes the result', () => {
    const parsed = parseEnv(shape, { PORT: '80', VERBOSE: 'yes', NAME: 'x' });
    expect(parsed).toEqual({ PORT: 80, VERBOSE: true, NAME: 'x' });
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(parseEnv(shape, { NAME: 'x' })).toEqual({ PORT: 9464, VERBOSE: false, NAME: 'x' });
  });

  it('treats an empty or blank value as unset, so the default applies', () => {
    expect(parseEnv(shape, { PORT: ' ', VERBOSE: '', NAME: 'x' })).toMatchObject({ PORT: 9464, VERBOSE: false });
  });

  it('reports every problem at once, each starting with the variable, without echoing values', () => {
    const problems = problemsOf(() => parseEnv(shape, { PORT: 'secret-port', VERBOSE: 'maybe' }));
    expect(problems).toEqual([
      'PORT must be a whole number between 0 and 65535',
      'VERBOSE must be true or false',
      'NAME is not set',
    ]);
    expect(problems.join('\n')).not.toContain('secret-port');
  });

  it('says every problem in one message with a stable code', () => {
    let caught: unknown;
    try {
      parseEnv(shape, { PORT: '70000', NAME: 'x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ name: 'ConfigError', code: 'CONFIG_INVALID' });
    expect((caught as Error).message).toBe('Invalid configuration:\n  - PORT must be at most 65535');
  });

  it('runs the cross checks once each variable is valid', () => {
    const check = (parsed: { PORT: number }) => (parsed.PORT < 1024 ? ['PORT must not be a privileged port'] : []);
    expect(problemsOf(() => parseEnv(shape, { PORT: '80', NAME: 'x' }, check))).toEqual(['PORT must not be a privileged port']);
  });

  it('names a variable as the caller labels it, telling whether it was given', () => {
    const label = (name: string, given: boolean) => (given ? `--${name.toLowerCase()}` : `${name} (unset)`);
    expect(problemsOf(() => parseEnv(shape, { PORT: '-1' }, undefined, { label }))).toEqual([
      '--port must be at least 0',
      'NAME (unset) is not set',
    ]);
  });
});

describe('intInRange', () => {
  it('refuses fractions, with the bounds in the message', () => {
    expect(intInRange(1, 1, 10).safeParse('2.5').error?.issues[0]?.message).toBe('must be a whole number between 1 and 10');
  });
});

describe('booleanVar', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('reads %s as %s', (text, value) => {
    expect(booleanVar(!value).parse(text)).toBe(value);
  });
});

describe('numberInRange', () => {
  it('takes fractions within the bounds, and names the unit when the value is no number', () => {
    expect(numberInRange('seconds', 30, 1, 3600).parse('2.5')).toBe(2.5);
    expect(numberInRange('hours', 48, 0, 720).parse(undefined)).toBe(48);
    expect(numberInRange('hours', 48, 0, 720).safeParse('soon').error?.issues[0]?.message).toBe('must be a number of hours between 0 and 720');
    expect(numberInRange('seconds', 30, 1, 3600).safeParse('0.5').error?.issues[0]?.message).toBe('must be at least 1');
  });
});

describe('httpUrlVar', () => {
  it('drops trailing slashes, and shows the default as an example when the value is not an http(s) URL', () => {
    const api = httpUrlVar('https://api.example/v0');
    expect(api.parse('http://127.0.0.1:8090/v0//')).toBe('http://127.0.0.1:8090/v0');
    expect(api.parse(undefined)).toBe('https://api.example/v0');
    expect(api.safeParse('ftp://x').error?.issues[0]?.message).toBe('must be an http(s) URL, e.g. https://api.example/v0');
  });
});
