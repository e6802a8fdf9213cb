import { describeLockHolder, judgeLockHolder, type LockHolder } from './lock-holder';

const app = 'sentiment-ingest-migrator';
const options = { applicationName: app, staleAfterMs: 30_000 };
const holder = (overrides: Partial<LockHolder> = {}): LockHolder => ({
  pid: 4242,
  applicationName: app,
  user: 'sentiment',
  state: 'idle in transaction',
  stateAgeMs: 45_000,
  transactionAgeMs: 50_000,
  clientAddr: '10.0.0.7',
  ...overrides,
});

describe('judgeLockHolder', () => {
  it.each(['idle', 'idle in transaction', 'idle in transaction (aborted)'])(
    'ends a migrator session %s for longer than the threshold: its client is gone',
    (state) => {
      expect(judgeLockHolder(holder({ state }), options)).toMatchObject({ action: 'end', reason: expect.stringContaining('client is gone') });
    },
  );

  it('waits for a migrator session idle for less than the threshold (between two heartbeats)', () => {
    expect(judgeLockHolder(holder({ stateAgeMs: 29_000 }), options)).toEqual({
      action: 'wait',
      reason: 'idle in transaction for 29 s, less than 30 s',
    });
  });

  it('waits for a migrator session running a statement, however long', () => {
    expect(judgeLockHolder(holder({ state: 'active', stateAgeMs: 3_600_000 }), options)).toMatchObject({ action: 'wait' });
  });

  it('never ends a session of another application', () => {
    expect(judgeLockHolder(holder({ applicationName: 'psql' }), options)).toEqual({
      action: 'wait',
      reason: "it is not a migrator (application_name 'psql')",
    });
  });

  it('waits when pg_stat_activity hides the state from this user, and says how to see it', () => {
    expect(judgeLockHolder(holder({ state: null, stateAgeMs: null }), options)).toMatchObject({
      action: 'wait',
      reason: expect.stringContaining('pg_read_all_stats'),
    });
  });
});

describe('describeLockHolder', () => {
  it('names pid, application, user, client and state with its age', () => {
    expect(describeLockHolder(holder())).toBe(
      "pid 4242 (application_name 'sentiment-ingest-migrator', user sentiment, from 10.0.0.7, idle in transaction for 45 s)",
    );
  });

  it('says when the state is hidden', () => {
    expect(describeLockHolder(holder({ state: null, stateAgeMs: null, clientAddr: null, user: null }))).toBe(
      "pid 4242 (application_name 'sentiment-ingest-migrator', user unknown, state hidden)",
    );
  });
});
