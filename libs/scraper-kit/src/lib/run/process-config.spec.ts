import { ConfigError, parseEnv } from '@sentiment-ingest/db';
import { DEFAULT_HTTP_PORT, scraperProcessConfig, scraperProcessEnvShape, streamFailuresVar } from './process-config';

const DATABASE_URL = 'postgres://writer:s3cret@db.example:6543/ingest';

describe('the variables every scraper reads', () => {
  it('defaults to all interfaces on the shared port, log level info and 3 failures before not ready', () => {
    const values = parseEnv(scraperProcessEnvShape(), { DATABASE_URL });
    const config = scraperProcessConfig(values, 'environment DATABASE_URL');
    expect(config).toMatchObject({ httpHost: '0.0.0.0', httpPort: DEFAULT_HTTP_PORT, logLevel: 'info', streamFailuresNotReady: 3 });
    expect(config.db).toMatchObject({ host: 'db.example', port: 6543, database: 'ingest', user: 'writer' });
    expect(JSON.stringify(config)).not.toContain('s3cret');
  });

  it("takes a scraper's own default port and its own failure threshold", () => {
    const values = parseEnv({ ...scraperProcessEnvShape({ httpPort: 9470 }), FAILURES: streamFailuresVar }, { DATABASE_URL, FAILURES: '5' });
    const config = scraperProcessConfig(values, 'environment DATABASE_URL', values.FAILURES);
    expect(config.httpPort).toBe(9470);
    expect(config.streamFailuresNotReady).toBe(5);
  });

  it('refuses a host with spaces, a port out of range and an unknown log level, all at once', () => {
    let error: unknown;
    try {
      parseEnv(scraperProcessEnvShape(), { DATABASE_URL, HTTP_HOST: 'my host', HTTP_PORT: '70000', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/HTTP_HOST must be an interface address/);
    expect(message).toMatch(/HTTP_PORT/);
    expect(message).toMatch(/LOG_LEVEL must be one of/);
  });
});
