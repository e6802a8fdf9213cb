import { InputError, ZstdMissingError, assertZstdAvailable, checkInputs, inputFormatOf } from './sources';

describe('inputFormatOf', () => {
  it('reads .zst through zstd, - from stdin, anything else as lines', () => {
    expect(inputFormatOf('RS_2023-01.zst')).toBe('zst');
    expect(inputFormatOf('-')).toBe('stdin');
    expect(inputFormatOf('sample.ndjson')).toBe('lines');
    expect(inputFormatOf('sample.jsonl')).toBe('lines');
  });
  it('refuses compressions it does not decode', () => {
    expect(inputFormatOf('RS_2011-01.bz2')).toEqual({ unsupported: expect.stringMatching(/bz2 compression is not supported/) });
  });
});

describe('checkInputs', () => {
  it('refuses a missing file before any work', () => {
    expect(() => checkInputs(['/nonexistent/RS_2023-01.ndjson'], 'zstd')).toThrow(InputError);
  });
  it('says how to install zstd when it is missing', () => {
    expect(() => assertZstdAvailable('/nonexistent/zstd')).toThrow(ZstdMissingError);
    expect(() => assertZstdAvailable('/nonexistent/zstd')).toThrow(/apt-get install zstd/);
  });
});
