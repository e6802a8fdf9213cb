import { HN_ITEMS } from '../sources/hn-items';
import { REDDIT_COMMENTS } from '../sources/reddit-comments';
import { REDDIT_SUBMISSIONS } from '../sources/reddit-submissions';
import { ingestSql } from './ingest-sql';
import { defineItemTable, type ItemColumn, type ItemTable } from './item-table';

interface Note {
  id: string;
  at: Date;
  body: string;
  votes: number;
}

const NOTES: ItemTable<Note> = defineItemTable<Note>({
  kind: 'note',
  table: 'notes',
  idColumn: 'id',
  timeColumn: 'at',
  keysTable: 'note_keys',
  firstSeenColumn: 'first_seen_at',
  updatedColumn: 'updated_at',
  columns: [
    { name: 'id', type: 'text', value: (n) => n.id },
    { name: 'at', type: 'timestamptz', value: (n) => n.at },
    { name: 'body', type: 'text', value: (n) => n.body },
    { name: 'votes', type: 'int', value: (n) => n.votes, mutable: true },
  ],
  idOf: (n) => n.id,
  payloadOf: (n) => n,
});

describe('ingestSql', () => {
  it('derives a per-transaction staging table, with the observation time last', () => {
    expect(ingestSql(NOTES).createStaging).toBe(
      'create temp table stage_notes (\n  "id" text not null,\n  "at" timestamptz not null,\n  "body" text not null,\n  "votes" int not null,\n  "observed_at" timestamptz not null\n) on commit drop',
    );
    expect(ingestSql(NOTES).copyStaging.sql).toBe('copy stage_notes ("id", "at", "body", "votes", "observed_at") from stdin (format binary)');
  });

  it('sends each copied column as the type the staging table declares, the observation time as timestamptz', () => {
    expect(ingestSql(NOTES).copyStaging.columns).toEqual([
      { name: 'id', type: 'text' },
      { name: 'at', type: 'timestamptz' },
      { name: 'body', type: 'text' },
      { name: 'votes', type: 'int' },
      { name: 'observed_at', type: 'timestamptz' },
    ]);
  });

  it('registers ids by primary-key probe and moves only rows whose time differs from the registered one', () => {
    expect(ingestSql(NOTES).registerKeys).toBe(`with registered as (
  insert into note_keys as k ("id", "at")
  select "id", "at" from stage_notes
  on conflict ("id") do update set "at" = k."at"
   where k."at" <> excluded."at"
  returning k."id", k."at", (k.xmax = 0) as inserted
)
update stage_notes s set "at" = r."at"
  from registered r
 where not r.inserted and r."id" = s."id"`);
  });

  it('upserts rewriting only changed mutable columns, never with an older observation, and counts without an observation table; first seen at $1 or the observation time', () => {
    expect(ingestSql(NOTES).upsert).toBe(`with upserted as (
  insert into notes as t ("id", "at", "body", "votes", "first_seen_at", "updated_at")
  select "id", "at", "body", "votes", coalesce($1::timestamptz, "observed_at"), "observed_at" from stage_notes
  on conflict ("id", "at") do update set
    "votes" = excluded."votes",
    "updated_at" = excluded."updated_at"
  where excluded."updated_at" >= t."updated_at"
    and (t."votes")
    is distinct from (excluded."votes")
  returning t."id", t."at", (t.xmax = 0) as inserted
)
select count(*) filter (where inserted)::int as inserted,
       count(*) filter (where not inserted)::int as updated,
       0 as observations
  from upserted`);
  });

  it('keeps the measured Reddit write path: the same upsert, with precedence, the superseded observation and raw following the mutable fields', () => {
    const { upsert, stagingColumns } = ingestSql(REDDIT_SUBMISSIONS);
    expect(stagingColumns).toEqual([
      'id', 'created_utc', 'subreddit', 'subreddit_id', 'author', 'author_fullname', 'title', 'selftext', 'url', 'permalink',
      'domain', 'is_self', 'over_18', 'spoiler', 'stickied', 'locked', 'link_flair_text', 'distinguished', 'score',
      'num_comments', 'upvote_ratio', 'edited_at', 'removed_by_category', 'raw', 'observed_at',
    ]);
    const mutable = ['author', 'author_fullname', 'title', 'selftext', 'url', 'over_18', 'spoiler', 'stickied', 'locked',
      'link_flair_text', 'distinguished', 'score', 'num_comments', 'upvote_ratio', 'edited_at', 'removed_by_category'];
    expect(upsert).toContain(`"raw", "first_seen_at", "updated_at")\n  select "id", "created_utc", `);
    expect(upsert).toContain(`"raw", coalesce($1::timestamptz, "observed_at"), "observed_at" from stage_raw_submissions\n`);
    expect(upsert).not.toContain('"first_seen_at" = excluded');
    expect(upsert).toContain(`on conflict ("id", "created_utc") do update set\n${[...mutable, 'raw', 'updated_at'].map((c) => `    "${c}" = excluded."${c}"`).join(',\n')}\n`);
    const exact = mutable.filter((c) => c !== 'score' && c !== 'upvote_ratio');
    expect(upsert).toContain(`  where excluded."updated_at" >= t."updated_at"
    and (
      (${exact.map((c) => `t."${c}"`).join(', ')}) is distinct from (${exact.map((c) => `excluded."${c}"`).join(', ')})
      or (t."score" is null) <> (excluded."score" is null) or abs(excluded."score" - t."score") >= greatest(2, 0.05 * abs(t."score"))
      or (t."upvote_ratio" is null) <> (excluded."upvote_ratio" is null) or abs(excluded."upvote_ratio" - t."upvote_ratio") >= 0.02
      or excluded."updated_at" >= t."updated_at" + interval '3600000 milliseconds' and (${mutable.map((c) => `t."${c}"`).join(', ')}) is distinct from (${mutable.map((c) => `excluded."${c}"`).join(', ')})
    )`);
    // a changed row's previous values, at their own time, read from the table as it was before the
    // statement and confined to the staged rows' chunks; an inserted row records nothing
    expect(upsert).toContain(`, observed as (
  insert into submission_metrics ("submission_id", "observed_at", "submission_created_utc", "subreddit", "score", "num_comments", "upvote_ratio")
  select p."id", p."updated_at", p."created_utc", p."subreddit", p."score", p."num_comments", p."upvote_ratio"
    from upserted u join raw_submissions p on p."id" = u."id" and p."created_utc" = u."created_utc" and p."created_utc" between $2::timestamptz and $3::timestamptz
   where not u.inserted
  on conflict ("submission_id", "observed_at") do nothing
  returning 1
)`);
    expect(upsert).toContain('(select count(*) from observed)::int as observations');
  });
});

describe('ingestSql with observations skipped when they say nothing', () => {
  it("leaves out Hacker News observations whose score and comment count are both null (comments)", () => {
    expect(ingestSql(HN_ITEMS).upsert).toContain(`    from upserted u join hn_items p on p."id" = u."id" and p."created_at" = u."created_at" and p."created_at" between $2::timestamptz and $3::timestamptz
   where not u.inserted
     and not (p."score" is null and p."descendants" is null)
  on conflict ("item_id", "observed_at") do nothing`);
  });

  it('looks only at the listed columns: a Reddit comment of unknown score is not observed, though its subreddit is copied', () => {
    expect(ingestSql(REDDIT_COMMENTS).upsert).toContain(`  insert into comment_metrics ("comment_id", "observed_at", "comment_created_utc", "subreddit", "score")
  select p."id", p."updated_at", p."created_utc", p."subreddit", p."score"
    from upserted u join raw_comments p on p."id" = u."id" and p."created_utc" = u."created_utc" and p."created_utc" between $2::timestamptz and $3::timestamptz
   where not u.inserted
     and not (p."score" is null)
  on conflict ("comment_id", "observed_at") do nothing`);
  });

  it('keeping history, also observes the staged rows precedence kept out (older than what is stored), with the same filter', () => {
    const sql = ingestSql(REDDIT_COMMENTS);
    expect(sql.upsertKeepingHistory).toContain(`), history as (
  insert into comment_metrics ("comment_id", "observed_at", "comment_created_utc", "subreddit", "score")
  select s."id", s."observed_at", s."created_utc", s."subreddit", s."score"
    from stage_raw_comments s join raw_comments t on t."id" = s."id" and t."created_utc" = s."created_utc" and t."created_utc" between $2::timestamptz and $3::timestamptz
   where s."observed_at" < t."updated_at"
     and not (s."score" is null)
  on conflict ("comment_id", "observed_at") do nothing`);
    expect(sql.upsertKeepingHistory).toContain('(select count(*) from observed)::int + (select count(*) from history)::int as observations');
    expect(sql.upsert).not.toContain('history');
  });

  it('stages a null score of a comment or a post (unknown, never 0)', () => {
    expect(ingestSql(REDDIT_COMMENTS).createStaging).toContain('  "score" int,\n');
    expect(ingestSql(REDDIT_SUBMISSIONS).createStaging).toContain('  "score" int,\n');
  });
});

describe('defineItemTable', () => {
  it('refuses a declaration whose key columns do not come first, or that changes nothing', () => {
    const columns = NOTES.columns;
    expect(() => defineItemTable({ ...NOTES, columns: [columns[1]!, columns[0]!, columns[2]!] })).toThrow(
      /the first two columns must be the id \(id\) and the time \(at\); no column is mutable/,
    );
  });

  it('refuses identifiers that would need quoting, and observation columns that do not exist', () => {
    expect(() =>
      defineItemTable({
        ...NOTES,
        table: 'Notes',
        observations: { table: 'note_votes', itemIdColumn: 'note_id', itemTimeColumn: 'note_at', observedAtColumn: 'observed_at', copied: { votes: 'likes' } },
      }),
    ).toThrow(/"Notes" is not a lower-case SQL identifier; observation column source "likes" is not a column of Notes/);
  });

  it('refuses skipping all-null observations when nothing is copied', () => {
    expect(() =>
      defineItemTable({
        ...NOTES,
        observations: { table: 'note_votes', itemIdColumn: 'note_id', itemTimeColumn: 'note_at', observedAtColumn: 'observed_at', copied: {}, skipWhenAllNull: true },
      }),
    ).toThrow(/observations.skipWhenAllNull needs at least one copied column/);
  });

  it('refuses a skipWhenAllNull list that is empty or names a column that is not copied', () => {
    const observations = { table: 'note_votes', itemIdColumn: 'note_id', itemTimeColumn: 'note_at', observedAtColumn: 'observed_at', copied: { votes: 'votes' } };
    expect(() => defineItemTable({ ...NOTES, observations: { ...observations, skipWhenAllNull: [] } })).toThrow(/observations.skipWhenAllNull lists no column/);
    expect(() => defineItemTable({ ...NOTES, observations: { ...observations, skipWhenAllNull: ['likes'] } })).toThrow(
      /observations.skipWhenAllNull names "likes", not a copied observation column/,
    );
  });

  it('refuses a change threshold on a column that is not a mutable number, or without minorChangesAfterMs', () => {
    const [id, at, body, votes] = NOTES.columns as [ItemColumn<Note>, ItemColumn<Note>, ItemColumn<Note>, ItemColumn<Note>];
    const threshold = { absolute: 2 };
    expect(() => defineItemTable({ ...NOTES, minorChangesAfterMs: 1000, columns: [id, at, { ...body, mutable: true, changeThreshold: threshold }, votes] })).toThrow(
      /body has a change threshold but is not numeric/,
    );
    expect(() => defineItemTable({ ...NOTES, columns: [id, at, body, { ...votes, changeThreshold: threshold }] })).toThrow(/need minorChangesAfterMs/);
    expect(() => defineItemTable({ ...NOTES, minorChangesAfterMs: 1000, columns: [id, at, body, { ...votes, changeThreshold: { absolute: -1 } }] })).toThrow(
      /votes needs a finite, non-negative change threshold/,
    );
  });

  it('refuses re-observed columns that are not mutable, that include no value, or that leave a mutable column uncovered', () => {
    const [id, at, body, votes] = NOTES.columns as [ItemColumn<Note>, ItemColumn<Note>, ItemColumn<Note>, ItemColumn<Note>];
    expect(() => defineItemTable({ ...NOTES, columns: [id, at, { ...body, reobserved: 'value' }, votes] })).toThrow(/body is re-observed but not mutable/);
    expect(() => defineItemTable({ ...NOTES, columns: [id, at, { ...body, mutable: true, reobserved: 'marker' }, votes] })).toThrow(
      /re-observed columns include no value/,
    );
    expect(() => defineItemTable({ ...NOTES, columns: [id, at, { ...body, mutable: true }, { ...votes, reobserved: 'value' }] })).toThrow(
      /mutable columns body are not re-observed and no marker covers their changes/,
    );
  });
});

describe('ingestSql re-observation', () => {
  it('is absent for a table that declares no re-observed column (Hacker News: an edit there leaves no marker)', () => {
    expect(ingestSql(HN_ITEMS).reobservation).toBeNull();
    expect(ingestSql(NOTES).reobservation).toBeNull();
  });

  it('stages only the key, the re-observed columns and the observation time of a Reddit post', () => {
    const sql = ingestSql(REDDIT_SUBMISSIONS).reobservation!;
    expect(sql.copyStaging.sql).toBe(
      'copy reobserve_raw_submissions ("id", "created_utc", "author", "author_fullname", "over_18", "spoiler", "stickied", "locked", "link_flair_text", ' +
        '"distinguished", "score", "num_comments", "upvote_ratio", "edited_at", "removed_by_category", "observed_at") from stdin (format binary)',
    );
    expect(sql.copyStaging.columns.map((c) => c.type).slice(-6)).toEqual(['int', 'int', 'real', 'timestamptz', 'text', 'timestamptz']);
    expect(sql.createStaging).toMatch(/^create temp table reobserve_raw_submissions \(\n {2}"id" text not null,\n/);
    expect(sql.createStaging).toMatch(/\) on commit drop$/);
    expect(sql.createStaging).not.toMatch(/selftext|title|"raw"/);
  });

  it('updates values in place only where the markers are equal and a value differs, never with an older observation, and names the rows to rewrite', () => {
    const apply = ingestSql(REDDIT_SUBMISSIONS).reobservation!.apply;
    expect(apply).toContain('"score" = s."score"');
    expect(apply).toContain('"updated_at" = s."observed_at"');
    expect(apply).not.toContain('"edited_at" = s.');
    expect(apply).toContain('and s."observed_at" >= t."updated_at"');
    expect(apply).toContain('(t."author", t."author_fullname", t."edited_at", t."removed_by_category") is not distinct from (s."author", s."author_fullname", s."edited_at", s."removed_by_category")');
    expect(apply).toContain('where t."id" is null\n      or (s."observed_at" >= t."updated_at" and (t."author", t."author_fullname", t."edited_at", t."removed_by_category") is distinct from');
    expect(apply).toContain('array(select "id" from rewrite) as rewrite');
  });

  it('records the observation a change supersedes: the values read before the update, at their own time, with the skip filter', () => {
    const apply = ingestSql(REDDIT_COMMENTS).reobservation!.apply;
    expect(apply).toContain(
      '  from reobserve_raw_comments s join raw_comments p on p."id" = s."id" and p."created_utc" = s."created_utc" and p."created_utc" between $1::timestamptz and $2::timestamptz\n',
    );
    expect(apply).toContain('  returning t."id", t."created_utc", p."updated_at" as "previous_updated_at", p."subreddit" as "previous_subreddit", p."score" as "previous_score"\n');
    expect(apply).toContain(`  insert into comment_metrics ("comment_id", "observed_at", "comment_created_utc", "subreddit", "score")
  select c."id", c."previous_updated_at", c."created_utc", c."previous_subreddit", c."previous_score"
    from changed c
   where not (c."previous_score" is null)
  on conflict ("comment_id", "observed_at") do nothing`);
  });
});

describe('ingestSql new rows', () => {
  it('copies a batch of new ids into the hypertable and the keys table only: a new row is its own first observation', () => {
    const sql = ingestSql(REDDIT_SUBMISSIONS);
    expect(Object.keys(sql.newRows).sort()).toEqual(['copyItems', 'copyKeys', 'probe']);
    expect(sql.newRows.copyKeys).toEqual({
      sql: 'copy submission_keys ("id", "created_utc") from stdin (format binary)',
      columns: [
        { name: 'id', type: 'text' },
        { name: 'created_utc', type: 'timestamptz' },
      ],
    });
    expect(sql.newRows.copyItems.sql).toMatch(/^copy raw_submissions \("id", "created_utc", .*"raw", "first_seen_at", "updated_at"\) from stdin \(format binary\)$/);
    expect(sql.newRows.copyItems.columns.slice(-3)).toEqual([
      { name: 'raw', type: 'jsonb' },
      { name: 'first_seen_at', type: 'timestamptz' },
      { name: 'updated_at', type: 'timestamptz' },
    ]);
    expect(sql.stagedTimeRange).toBe('select min("created_utc") as oldest, max("created_utc") as newest from stage_raw_submissions');
  });
});
