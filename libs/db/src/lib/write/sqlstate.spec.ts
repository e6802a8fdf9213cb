import { UnstorableValueError } from './copy-text';
import {
  isRetryableDatabaseError,
  retryableCodeMeaning,
  RETRYABLE_ERRNO,
  RETRYABLE_SQLSTATE_CLASSES,
  RETRYABLE_SQLSTATES,
  sqlStateOf,
} from './sqlstate';

const pgError = (code: string) => Object.assign(new Error('server said no'), { code, severity: 'ERROR' });
const netError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:5432`), { code, errno: -1, syscall: 'connect' });

describe('the retryable-error table', () => {
  it.each(Object.keys(RETRYABLE_SQLSTATES))('retries SQLSTATE %s, and says what it means', (code) => {
    expect(isRetryableDatabaseError(pgError(code))).toBe(true);
    expect(retryableCodeMeaning(code)).toBe(RETRYABLE_SQLSTATES[code]);
  });

  it.each(Object.keys(RETRYABLE_ERRNO))('retries the network error %s, and says what it means', (code) => {
    expect(isRetryableDatabaseError(netError(code))).toBe(true);
    expect(retryableCodeMeaning(code)).toBe(RETRYABLE_ERRNO[code]);
  });

  it('holds the transient failures of a server and of the network, among them ENETUNREACH and EPIPE', () => {
    expect(Object.keys(RETRYABLE_SQLSTATES)).toEqual(
      expect.arrayContaining(['40001', '40P01', '55P03', '57014', '57P01', '57P02', '57P03', '53300', '53400']),
    );
    expect(Object.keys(RETRYABLE_ERRNO)).toEqual(
      expect.arrayContaining(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']),
    );
  });

  it('retries every SQLSTATE of a retryable class (08, connection exception), in the words of the class', () => {
    expect(Object.keys(RETRYABLE_SQLSTATE_CLASSES)).toEqual(['08']);
    for (const code of ['08000', '08001', '08003', '08006', '08P01']) {
      expect(isRetryableDatabaseError(pgError(code))).toBe(true);
      expect(retryableCodeMeaning(code)).toBe(RETRYABLE_SQLSTATE_CLASSES['08']);
    }
  });

  it('describes every entry in words, so a log line says what happened', () => {
    for (const meaning of [...Object.values(RETRYABLE_SQLSTATES), ...Object.values(RETRYABLE_SQLSTATE_CLASSES), ...Object.values(RETRYABLE_ERRNO)]) {
      expect(meaning).toMatch(/^[a-z].{10,}/);
    }
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(RETRYABLE_SQLSTATES)).toBe(true);
    expect(Object.isFrozen(RETRYABLE_SQLSTATE_CLASSES)).toBe(true);
    expect(Object.isFrozen(RETRYABLE_ERRNO)).toBe(true);
  });

  it('knows no meaning for codes outside it', () => {
    for (const code of ['23505', '28P01', '42501', '0800', 'EACCES', 'E08', undefined, 8006]) {
      expect(retryableCodeMeaning(code)).toBeNull();
    }
  });
});

describe('isRetryableDatabaseError', () => {
  it.each(['23505', '22P02', '42P01', '42501', '22021', '28P01', '3D000', '55000'])(
    'does not retry SQLSTATE %s (retrying gives the same answer)',
    (code) => {
      expect(isRetryableDatabaseError(pgError(code))).toBe(false);
    },
  );

  it('retries when pg reports a dropped connection without a code', () => {
    expect(isRetryableDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('does not retry a value that cannot be stored, nor a bug', () => {
    expect(isRetryableDatabaseError(new UnstorableValueError('cannot store the number NaN'))).toBe(false);
    expect(isRetryableDatabaseError(new TypeError('x is undefined'))).toBe(false);
  });
});

describe('sqlStateOf', () => {
  it('reads a SQLSTATE and ignores node error codes', () => {
    expect(sqlStateOf(pgError('23505'))).toBe('23505');
    expect(sqlStateOf({ code: 'ECONNREFUSED' })).toBeNull();
  });
});
