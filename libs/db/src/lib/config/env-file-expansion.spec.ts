import { parse } from 'dotenv';
import { expandEnvFile, expandLikeNx, readEnvText, resolveEnvFile } from './env-file-expansion';

const expanded = (text: string, base: Record<string, string> = {}) => expandEnvFile(readEnvText(text), base);

describe('readEnvText', () => {
  it('marks single-quoted values as literal, the last definition of a key deciding', () => {
    const file = readEnvText(
      ["A='x'", 'B="y"', 'C=z', "export D='w' # comment", 'E=`v`', "F='first'", 'F=second', "G=it's", ''].join('\n'),
    );
    expect([...file.literal].sort()).toEqual(['A', 'D']);
  });

  it('takes its values from dotenv, quotes stripped', () => {
    const text = "A='x $y'\nB=\"line\\nnext\"\nC=plain # comment\nD='a'b'";
    expect(readEnvText(text).values).toEqual(parse(text));
  });
});

describe('expandEnvFile', () => {
  it('leaves single-quoted values literal', () => {
    expect(expanded("P='pa$USER${HOME}\\$x'", { USER: 'root', HOME: '/root' })['P']).toBe('pa$USER${HOME}\\$x');
  });

  it('reads \\$ as a literal $ in unquoted and double-quoted values', () => {
    expect(expanded('A=pa\\$USERword\nB="pa\\${USER}"', { USERword: 'no', USER: 'no' })).toEqual({
      A: 'pa$USERword',
      B: 'pa${USER}',
    });
  });

  it('never expands substituted text again', () => {
    expect(expanded("P='a$HOME'\nQ=${P}-$P", { HOME: '/root' })['Q']).toBe('a$HOME-a$HOME');
  });

  it('expands ${VAR}, $VAR and the dotenv-expand operators', () => {
    const result = expanded(
      ['A=1', 'B=${A}$A', 'C=${UNSET:-d}', 'D=${UNSET-d}', 'E=${A:+alt}', 'F=${UNSET:+alt}', 'G=${EMPTY:-$A}', 'H=$A.x'].join('\n'),
      { EMPTY: '' },
    );
    expect(result).toMatchObject({ B: '11', C: 'd', D: 'd', E: 'alt', F: '', G: '1', H: '1.x' });
  });

  it('resolves a reference to the process environment before the file', () => {
    expect(expanded('A=file\nB=${A}', { A: 'process' })['B']).toBe('process');
  });

  it('percent-encodes what references put into the user-info and database path of a postgres URL', () => {
    const result = expanded(
      "U=us:er\nP='p@ss:w/rd%zz#1$x'\nD=my/db\nH=db.example\nURL=postgres://${U}:${P}@${H}:5432/${D}?application_name=${D}",
    );
    expect(result['URL']).toBe('postgres://us%3Aer:p%40ss%3Aw%2Frd%25zz%231%24x@db.example:5432/my%2Fdb?application_name=my/db');
  });

  it('leaves host and port as substituted, so IPv6 brackets and host names stay', () => {
    expect(expanded("H=[::1]\nP='a@b'\nURL=postgresql://u:${P}@${H}:${PORT}/d", { PORT: '5433' })['URL']).toBe(
      'postgresql://u:a%40b@[::1]:5433/d',
    );
  });

  it('does not encode values that are not postgres URLs', () => {
    expect(expanded("P='a@b/c'\nX=http://${P}@h/${P}")['X']).toBe('http://a@b/c@h/a@b/c');
  });
});

describe('resolveEnvFile', () => {
  const text = "PG_PASSWORD='pa$USERword'\nURL=postgres://u:${PG_PASSWORD}@h/db";

  it('takes process values that Nx expanded its own way as copies of .env', () => {
    const file = readEnvText(text);
    const copiedByNx = expandLikeNx(file.values, { USER: 'root' });
    expect(copiedByNx['PG_PASSWORD']).toBe('pa'); // what Nx makes of it
    const resolved = resolveEnvFile(file, { USER: 'root', ...copiedByNx });
    expect(resolved.overridden.size).toBe(0);
    expect(resolved.values['URL']).toBe('postgres://u:pa%24USERword@h/db');
  });

  it('keeps a value set in the shell as an override, and the URL Nx built from it as a copy', () => {
    const file = readEnvText(text);
    const copiedByNx = expandLikeNx(file.values, { PG_PASSWORD: 'sh@ll' });
    const resolved = resolveEnvFile(file, copiedByNx);
    expect([...resolved.overridden]).toEqual(['PG_PASSWORD']);
    expect(resolved.values['URL']).toBe('postgres://u:sh%40ll@h/db');
  });
});
