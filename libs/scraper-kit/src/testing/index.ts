/**
 * Test doubles of the scraper kit: a virtual clock and an in-memory logger. Loaded outside Jest
 * too (the simulated-day benchmark), so nothing here imports @jest/globals.
 */
export { FakeClock, type FakeClockOptions, type SleepRecord } from './fake-clock';
export { MemoryLog, type MemoryLogLine } from './memory-log';
export { testScraperHost, type TestScraperHost } from './test-host';
