import {
  ConfigError,
  DatabaseAccessDeniedError,
  DatabaseUnreachableError,
  InsufficientPrivilegeError,
  MigrationChecksumError,
  MigrationLockTimeoutError,
  TimescaleUnavailableError,
} from '@sentiment-ingest/db';
import { exitCodeFor, isExpectedError } from './error-exit';

describe('exitCodeFor', () => {
  it.each([
    [new ConfigError(['DATABASE_URL is not set']), 3],
    [new DatabaseUnreachableError('refused'), 4],
    [new DatabaseAccessDeniedError('bad password'), 4],
    [new TimescaleUnavailableError('not preloaded'), 5],
    [new MigrationChecksumError(['M1']), 8],
    [new MigrationLockTimeoutError('held'), 9],
    [new InsufficientPrivilegeError('no CREATE on schema public'), 11],
    [new Error('boom'), 1],
  ])('maps %p to exit code %p', (error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });

  it('treats only unknown errors as needing a stack trace', () => {
    expect(isExpectedError(new DatabaseUnreachableError('x'))).toBe(true);
    expect(isExpectedError(new TypeError('x'))).toBe(false);
  });
});
