import { isRetryableDatabaseError, sqlStateOf } from './sqlstate';

const pgError = (code: string) => Object.assign(new Error('server said no'), { code, severity: 'ERROR' });

describe('isRetryableDatabaseError', () => {
  it.each(['40001', '40P01', '57P01', '08006', '08001', '53300'])('retries SQLSTATE %s', (code) => {
    expect(isRetryableDatabaseError(pgError(code))).toBe(true);
  });

  it.each(['23505', '22P02', '42P01', '42501', '22021'])('does not retry SQLSTATE %s (retrying gives the same answer)', (code) => {
    expect(isRetryableDatabaseError(pgError(code))).toBe(false);
  });

  it('retries when the network dropped the connection', () => {
    expect(isRetryableDatabaseError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryableDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });
});

describe('sqlStateOf', () => {
  it('reads a SQLSTATE and ignores node error codes', () => {
    expect(sqlStateOf(pgError('23505'))).toBe('23505');
    expect(sqlStateOf({ code: 'ECONNREFUSED' })).toBeNull();
  });
});
