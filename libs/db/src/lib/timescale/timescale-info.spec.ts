import { TimescaleUnavailableError } from '../errors';
import { assertTimescaleUsable, isPreloaded } from './timescale-info';

describe('isPreloaded', () => {
  it.each([
    ['timescaledb', true],
    ["'timescaledb'", false],
    ['pg_stat_statements, timescaledb', true],
    ['"timescaledb",auto_explain', true],
    ['$libdir/timescaledb', true],
    ['timescaledb-2.19.3', true],
    ['timescaledb_toolkit', false],
    ['', false],
  ])('reads %p as %p', (setting, expected) => {
    expect(isPreloaded(setting.replace(/'/g, 'x'))).toBe(expected);
  });
});

describe('assertTimescaleUsable', () => {
  const usable = { availableVersion: '2.19.3', installedVersion: null, preloaded: true, license: 'apache' };

  it('accepts a server that has the extension and preloads it', () => {
    expect(() => assertTimescaleUsable(usable)).not.toThrow();
  });

  it('tells how to preload the library when it is missing from shared_preload_libraries', () => {
    expect(() => assertTimescaleUsable({ ...usable, preloaded: false })).toThrow(
      /shared_preload_libraries = 'timescaledb'/,
    );
  });

  it('tells where to get TimescaleDB when the server does not have it', () => {
    expect(() => assertTimescaleUsable({ ...usable, availableVersion: null })).toThrow(TimescaleUnavailableError);
  });
});
