export { createLogger, REDACTED_PATHS, type LoggerOptions } from './lib/logger';
export { abortOnSignals, type SignalSource } from './lib/shutdown';
export { LOG_LEVELS, logLevelVar } from './lib/log-level';
