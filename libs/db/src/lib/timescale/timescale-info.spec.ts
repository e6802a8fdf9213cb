import { TimescaleUnavailableError } from '../errors';
import { assertTimescaleUsable, isPreloaded, judgePreload } from './timescale-info';

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

describe('judgePreload', () => {
  it('trusts shared_preload_libraries when this user may read it', () => {
    expect(judgePreload({ sharedPreloadLibraries: 'pg_stat_statements', loaderSetting: 'off' })).toEqual({
      preloaded: false,
      preloadCheckedBy: 'shared_preload_libraries',
    });
  });

  it('infers the preload from the loader setting for a user who may not read shared_preload_libraries', () => {
    expect(judgePreload({ sharedPreloadLibraries: null, loaderSetting: 'off' })).toEqual({
      preloaded: true,
      preloadCheckedBy: 'loader setting',
    });
    expect(judgePreload({ sharedPreloadLibraries: null, loaderSetting: null })).toEqual({
      preloaded: false,
      preloadCheckedBy: 'loader setting',
    });
  });
});

describe('assertTimescaleUsable', () => {
  const usable = {
    availableVersion: '2.19.3',
    installedVersion: null,
    preloaded: true,
    preloadCheckedBy: 'shared_preload_libraries' as const,
    license: 'apache',
  };

  it('accepts a server that has the extension and preloads it', () => {
    expect(() => assertTimescaleUsable(usable)).not.toThrow();
  });

  it('tells how to preload the library when it is missing from shared_preload_libraries', () => {
    expect(() => assertTimescaleUsable({ ...usable, preloaded: false })).toThrow(
      /shared_preload_libraries = 'timescaledb'/,
    );
  });

  it('says how the missing preload was seen when shared_preload_libraries was not readable', () => {
    expect(() => assertTimescaleUsable({ ...usable, preloaded: false, preloadCheckedBy: 'loader setting' })).toThrow(
      /loader setting timescaledb\.disable_load is not defined/,
    );
  });

  it('tells where to get TimescaleDB when the server does not have it', () => {
    expect(() => assertTimescaleUsable({ ...usable, availableVersion: null })).toThrow(TimescaleUnavailableError);
  });
});
