import { REDDIT_SUBMISSIONS } from '../sources/reddit-submissions';
import { HN_ITEMS } from '../sources/hn-items';
import { countItemsSql, OPEN_GAPS_OF_SOURCE_SQL, OPEN_GAPS_SQL, PING_SQL, READ_CHECKPOINT_SQL, recentItemsParams, recentItemsSql, RESOLVE_GAP_SQL } from './scrape-state-sql';

describe('scrape state SQL', () => {
  it('reads one checkpoint by its primary key (source, stream)', () => {
    expect(READ_CHECKPOINT_SQL).toBe(`select "newest_created_utc", "newest_id", "state"
  from scrape_checkpoints
 where "source" = $1 and "stream" = $2`);
  });

  it('lists the open gaps of one stream, oldest first, in the shape of the partial index scrape_gaps_open_idx', () => {
    expect(OPEN_GAPS_SQL).toBe(`select "id", "gap_start", "gap_end", "reason", "detected_at"
  from scrape_gaps
 where "source" = $1 and "stream" = $2 and "resolved_at" is null
 order by "gap_start", "id"`);
  });

  it('lists every open gap of a source, by stream then oldest first', () => {
    expect(OPEN_GAPS_OF_SOURCE_SQL).toBe(`select "id", "stream", "gap_start", "gap_end", "reason", "detected_at"
  from scrape_gaps
 where "source" = $1 and "resolved_at" is null
 order by "stream", "gap_start", "id"`);
  });

  it('counts the items of a table in a time range whose column is one of a lower-case list, and refuses a name that is not an identifier', () => {
    expect(countItemsSql(REDDIT_SUBMISSIONS, 'subreddit')).toBe(`select count(*)::int as "count"
  from raw_submissions
 where "created_utc" between $1 and $2 and lower("subreddit") = any($3::text[])`);
    expect(() => countItemsSql(REDDIT_SUBMISSIONS, 'sub"reddit')).toThrow(RangeError);
    expect(() => countItemsSql({ table: 'raw; drop', timeColumn: 'created_utc' }, 'subreddit')).toThrow(RangeError);
  });

  it('resolves a gap only while it is open and only within its own stream, recording how and how many', () => {
    expect(RESOLVE_GAP_SQL).toBe(`update scrape_gaps
   set "resolved_at" = $4, "resolution" = $5, "recovered_items" = $6, "absent_items" = $7
 where "id" = $1 and "source" = $2 and "stream" = $3 and "resolved_at" is null
returning "id"`);
  });

  it('pings without touching a table', () => {
    expect(PING_SQL).toBe('select 1');
  });

  it('reads the recent Reddit submissions from raw_submissions, bounded by time so old chunks are skipped', () => {
    expect(recentItemsSql(REDDIT_SUBMISSIONS)).toBe(`select "id" as "id", "created_utc" as "time"
  from raw_submissions
 where "created_utc" > $1
 order by "created_utc"`);
  });

  it('reads the recent items of any source from its own item table', () => {
    expect(recentItemsSql({ table: 'hn_items', idColumn: 'item_id', timeColumn: 'posted_at' })).toBe(`select "item_id" as "id", "posted_at" as "time"
  from hn_items
 where "posted_at" > $1
 order by "posted_at"`);
  });

  it('narrows the recent items to the rows whose column holds one of the values, bound as a text array', () => {
    const filter = { column: 'type', anyOf: ['story', 'poll', 'job'] };
    expect(recentItemsSql(HN_ITEMS, filter)).toBe(`select "id" as "id", "created_at" as "time"
  from hn_items
 where "created_at" > $1 and "type" = any($2::text[])
 order by "created_at"`);
    const since = new Date('2026-11-30T00:00:00Z');
    expect(recentItemsParams(since, filter)).toEqual([since, ['story', 'poll', 'job']]);
    expect(recentItemsParams(since)).toEqual([since]);
  });

  it('refuses a filter column that is not a plain identifier, and a filter with no values', () => {
    expect(() => recentItemsSql(HN_ITEMS, { column: 'type" or true --', anyOf: ['story'] })).toThrow(
      '"type" or true --" is not a lower-case SQL identifier',
    );
    expect(() => recentItemsParams(new Date(), { column: 'type', anyOf: [] })).toThrow('the filter on "type" needs at least one text value');
    expect(() => recentItemsParams(new Date(), { column: 'type', anyOf: [1 as unknown as string] })).toThrow(RangeError);
  });

  it('refuses a table or column that is not a plain identifier, rather than splicing it into SQL', () => {
    expect(() => recentItemsSql({ table: 'raw_submissions; drop table x', idColumn: 'id', timeColumn: 'created_utc' })).toThrow(
      '"raw_submissions; drop table x" is not a lower-case SQL identifier',
    );
    expect(() => recentItemsSql({ table: 'raw_submissions', idColumn: 'id"', timeColumn: 'created_utc' })).toThrow(RangeError);
  });
});
