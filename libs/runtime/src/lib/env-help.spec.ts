import { z } from 'zod';
import { describeEnvShape, formatEnvVariables } from './env-help';
import { booleanVar, httpUrlVar, intInRange, numberInRange } from './env-schema';

const shape = {
  TOKEN: z.string().min(1).describe('the API token'),
  BASE_URL: httpUrlVar('https://api.example/v0').describe('the API root'),
  WORKERS: intInRange(8, 1, 64).describe('requests in flight'),
  WAIT_S: numberInRange('seconds', 2.5, 0, 60),
  VERBOSE: booleanVar(false).describe('log more'),
  START: z
    .string()
    .default('24h')
    .transform((text) => text.length)
    .describe('where to begin'),
  NOTE: z.string().optional().describe('free text'),
};

describe('describeEnvShape', () => {
  it('lists every variable in order with its default, whether it is required, and its description', () => {
    expect(describeEnvShape(shape)).toEqual([
      { name: 'TOKEN', defaultValue: null, required: true, description: 'the API token' },
      { name: 'BASE_URL', defaultValue: 'https://api.example/v0', required: false, description: 'the API root' },
      { name: 'WORKERS', defaultValue: '8', required: false, description: 'requests in flight' },
      { name: 'WAIT_S', defaultValue: '2.5', required: false, description: null },
      { name: 'VERBOSE', defaultValue: 'false', required: false, description: 'log more' },
      { name: 'START', defaultValue: '24h', required: false, description: 'where to begin' },
      { name: 'NOTE', defaultValue: null, required: false, description: 'free text' },
    ]);
  });
});

describe('formatEnvVariables', () => {
  it('aligns names, defaults and descriptions', () => {
    expect(formatEnvVariables(describeEnvShape({ TOKEN: shape.TOKEN, WORKERS: shape.WORKERS, NOTE: shape.NOTE }))).toBe(
      ['  TOKEN    required   the API token', '  WORKERS  default 8  requests in flight', '  NOTE     optional   free text'].join('\n'),
    );
  });
});
