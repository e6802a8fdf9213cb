import { collectStrings, findEnvFileRefs, findVariableRefs, parseEnvFile } from './variables';

describe('findVariableRefs', () => {
  it('finds braced, defaulted and bare references and skips $$ escapes', () => {
    expect(findVariableRefs('${A}:${B:-x}/${C-y}@${D:?set D}$E $$F')).toEqual([
      { name: 'A', hasDefault: false },
      { name: 'B', hasDefault: true },
      { name: 'C', hasDefault: true },
      { name: 'D', hasDefault: false },
      { name: 'E', hasDefault: false },
    ]);
  });
});

describe('findEnvFileRefs', () => {
  it('finds none in a single-quoted value and skips \\$ escapes', () => {
    expect(findEnvFileRefs("'p@ss$A${B}'")).toEqual([]);
    expect(findEnvFileRefs('pa\\$USER${C}')).toEqual([{ name: 'C', hasDefault: false }]);
    expect(findEnvFileRefs('"${D:-x}"')).toEqual([{ name: 'D', hasDefault: true }]);
  });
});

describe('collectStrings', () => {
  it('returns string values of nested maps and lists, not keys', () => {
    expect(collectStrings({ a: ['x', { b: 'y' }], c: 5, d: null })).toEqual(['x', 'y']);
  });
});

describe('parseEnvFile', () => {
  it('skips comments and blank lines and reports lines that are not KEY=VALUE', () => {
    expect(parseEnvFile('# c\n\nA=1\nexport B=2\nC=${A}\n')).toEqual({
      entries: [
        { key: 'A', value: '1', line: 3 },
        { key: 'C', value: '${A}', line: 5 },
      ],
      invalid: [4],
    });
  });
});
