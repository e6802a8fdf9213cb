export { createLogger, REDACTED_PATHS, type LoggerOptions } from './lib/logger';
export type { Log } from './lib/log';
export { abortOnSignals, type SignalSource } from './lib/shutdown';
export { LOG_LEVELS, logLevelVar } from './lib/log-level';
export { ConfigError, RuntimeError } from './lib/errors';
export { booleanVar, httpUrlVar, intInRange, numberInRange, parseEnv, type ParseEnvOptions } from './lib/env-schema';
export { describeEnvShape, formatEnvVariables, type EnvVariableDoc } from './lib/env-help';
export { wholeNumberOption } from './lib/cli-options';
export { DAY_MS, describeDurationMs, DURATION_FORMAT, parseDurationMs } from './lib/durations';
