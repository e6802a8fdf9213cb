import { Writable } from 'node:stream';
import { createLogger } from './logger';

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { log: createLogger({ app: 'test', level: 'info', pretty: false, destination }), lines };
}

describe('createLogger', () => {
  it('writes JSON lines with the app name, fields first and a constant message', () => {
    const { log, lines } = memoryLogger();
    log.info({ fetched: 3 }, 'poll complete');
    expect(lines[0]).toMatchObject({ app: 'test', fetched: 3, msg: 'poll complete', level: 30 });
  });

  it('masks passwords, client secrets, tokens and authorization headers wherever they appear', () => {
    const { log, lines } = memoryLogger();
    log.info(
      {
        password: 'p1',
        db: { password: 'p2' },
        credentials: { clientSecret: 's1' },
        token: { access_token: 't1' },
        request: { headers: { authorization: 'bearer t2' } },
      },
      'secrets',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['p1', 'p2', 's1', 't1', 'bearer t2']) expect(text).not.toContain(`"${secret}"`);
    expect(text).toContain('***');
  });
});
