import { databaseUrlFromParts, postgresUrlProblems, redactUrl } from './postgres-url';

/** A small deterministic generator (mulberry32), so a failure is reproducible from the seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The characters that confuse URL parsing, and some that do not.
const TRICKY = ['@', ':', '/', '#', '?', '%', '%2', '%zz', '%40', '[', ']', ' ', '\\', '$', "'", '"', '&', '=', '+', 'é', '0', '1', '9', 'a', 'Z'];

function trickyPasswords(count: number, seed = 7): string[] {
  const next = random(seed);
  const passwords = ['123#abc', '12/secret', '1:2@3', '::', '@@', '#', '/', '99?x=1#y', 'p@ss:w/rd%zz#1$x'];
  while (passwords.length < count) {
    let password = next() < 0.5 ? String(Math.floor(next() * 100_000)) : '';
    const length = 1 + Math.floor(next() * 12);
    for (let i = 0; i < length; i += 1) password += TRICKY[Math.floor(next() * TRICKY.length)];
    passwords.push(password);
  }
  return passwords;
}

describe('redactUrl', () => {
  it('masks the password and keeps the rest', () => {
    expect(redactUrl('postgresql://a:b@h:1/d?sslmode=require')).toBe('postgresql://a:***@h:1/d?sslmode=require');
  });

  it('does not echo text that is not a URL', () => {
    expect(redactUrl('a:secret@@')).toBe('<unparseable url>');
  });

  it('keeps a URL without a password as it is', () => {
    expect(redactUrl('postgres://user@h:5432/db')).toBe('postgres://user@h:5432/db');
  });

  it.each(['postgres://u:123#abc@h/db', 'postgres://u:12/secret@h/db'])(
    'masks a password of digits followed by # or / whole: %s',
    (url) => {
      expect(redactUrl(url)).toBe(`postgres://u:***@h/db`);
    },
  );

  it('never shows any part of a password, raw or percent-encoded, for 2000 tricky passwords', () => {
    const leaks: string[] = [];
    for (const password of trickyPasswords(2000)) {
      for (const written of [password, encodeURIComponent(password)]) {
        for (const url of [`postgres://user:${written}@db.example:5432/sentiment`, `postgresql://user:${written}@[::1]/d?sslmode=require`]) {
          if (redactUrl(url) !== url.replace(`user:${written}@`, 'user:***@')) leaks.push(url);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('shows nothing of text without ://, however it is written', () => {
    const shown = new Set(trickyPasswords(300, 3).map((password) => redactUrl(`postgres:user:${password}@h/db`)));
    expect([...shown]).toEqual(['<unparseable url>']);
  });
});

describe('postgresUrlProblems', () => {
  it('accepts a well-formed URL', () => {
    expect(postgresUrlProblems('postgres://u:p%40ss@h:5432/db')).toEqual([]);
  });

  it('names the part with a malformed %-escape and the fix, without echoing it', () => {
    const problems = postgresUrlProblems('postgres://u:secret%zz@h:5432/db');
    expect(problems).toEqual([expect.stringMatching(/^has a `%` that is not followed by two hex digits in its password: percent-encode it \(`%` → %25/)]);
    expect(problems.join()).not.toContain('secret');
  });

  it.each(['postgres://u:123#abc@h/db', 'postgres://u:12/secret@h/db', 'postgres://u:12?x@h/db'])(
    'explains a password whose /, ? or # ended the host part early: %s',
    (url) => {
      const problems = postgresUrlProblems(url);
      expect(problems).toEqual([expect.stringContaining('a `/`, `?` or `#` in the password ends the host part early')]);
      expect(problems.join()).not.toMatch(/abc|secret|x@/);
    },
  );

  it('refuses other schemes and text that is not a URL', () => {
    for (const value of ['mysql://u:p@h/db', 'not a url', 'postgres://']) {
      expect(postgresUrlProblems(value)).toEqual([expect.stringMatching(/^must be a URL like postgres:\/\//)]);
    }
  });
});

describe('databaseUrlFromParts', () => {
  it('percent-encodes user, password and database name, so any password round-trips', () => {
    for (const password of trickyPasswords(500, 11)) {
      const url = new URL(databaseUrlFromParts({ PG_HOST: 'h', PG_USER: 'u:1', PG_PASSWORD: password, PG_DB: 'a/b' }) as string);
      expect([decodeURIComponent(url.username), decodeURIComponent(url.password), decodeURIComponent(url.pathname.slice(1))]).toEqual([
        'u:1',
        password,
        'a/b',
      ]);
    }
  });

  it('puts an IPv6 host in brackets and leaves host names as they are', () => {
    expect(databaseUrlFromParts({ PG_HOST: '::1', PG_PORT: '5433' })).toBe('postgres://[::1]:5433');
    expect(databaseUrlFromParts({ PG_HOST: 'timescaledb_service', PG_USER: 'u' })).toBe('postgres://u@timescaledb_service:5432');
  });

  it('gives nothing without PG_HOST', () => {
    expect(databaseUrlFromParts({ PG_USER: 'u', PG_PASSWORD: 'p' })).toBeUndefined();
  });
});
