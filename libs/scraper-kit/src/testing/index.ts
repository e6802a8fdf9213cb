/**
 * Test doubles of the scraper kit: a virtual clock, an in-memory logger, in-process and child-process hosts. Loaded outside Jest
 * too (the simulated-day benchmark), so nothing here imports @jest/globals.
 */
export { FakeClock, type FakeClockOptions, type SleepRecord } from './fake-clock';
export { MemoryLog, type MemoryLogLine } from './memory-log';
export { testScraperHost, type TestScraperHost } from './test-host';
export { freePort, startScraperProcess, type ScraperProcess } from './scraper-process';
