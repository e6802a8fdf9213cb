import { parseFlags } from '@sentiment-ingest/fake-http';
import { intInRange } from '@sentiment-ingest/runtime';
import { z } from 'zod';
import { FakeRedditUsageError } from './errors';
import type { SubredditSpec, SubredditStatus } from './fake-reddit.types';

/** Command-line help. */
export const USAGE = `Usage: node dist/tools/fake-reddit/main.js [options]
  --port N                 port to listen on (default 8089; 0: any free port)
  --host ADDRESS           interface to listen on (default 127.0.0.1; 0.0.0.0 in a container others reach)
  --subreddits LIST        name:postsPerMinute[:status],... (default news:5,worldnews:3,askreddit:20);
                           status is ok, private, banned or missing
  --seed N                 seed of the generated posts (default 42)
  --budget N               requests per client per rate-limit window (default 1000)
  --window-seconds N       length of the rate-limit window (default 600)
  --history-minutes N      generate posts for the N minutes before start (default 0)
  --comments-per-post R    each subreddit makes R comments per post it makes (its comments per minute:
                           R x its posts per minute; default 0, no comments)
  --help                   print this help
Prints one JSON line {"baseUrl","authUrl","clientId","clientSecret"} when listening; logs requests
to stderr; stops on SIGTERM or SIGINT.`;

/** The process's options, validated and frozen. */
export interface CliOptions {
  readonly port: number;
  readonly host: string;
  readonly subreddits: readonly SubredditSpec[];
  readonly seed: number;
  readonly budget: number;
  readonly windowSeconds: number;
  readonly historyMinutes: number;
  /** comments per post, applied to every subreddit's `commentsPerMinute` */
  readonly commentsPerPost: number;
}

const STATUSES: readonly SubredditStatus[] = ['ok', 'private', 'banned', 'missing'];

const subredditList = z
  .string()
  .default('news:5,worldnews:3,askreddit:20')
  .transform((list, context) => list.split(',').map((item) => parseSubreddit(item.trim(), context)));

const schema = z.object({
  port: intInRange(8089, 0, 65535),
  host: z.string().regex(/^[0-9A-Za-z.:_-]+$/, 'must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  subreddits: subredditList,
  seed: intInRange(42, -2147483648, 2147483647),
  budget: intInRange(1000, 1, 1_000_000),
  windowSeconds: intInRange(600, 1, 86_400),
  historyMinutes: intInRange(0, 0, 7 * 24 * 60),
  commentsPerPost: z.coerce.number({ error: 'must be a number' }).min(0).max(1000).default(0),
});

/** `news:5:private` -> a subreddit spec; problems go to the zod context. */
function parseSubreddit(item: string, context: z.RefinementCtx): SubredditSpec {
  const [name = '', rate = '', status = 'ok', ...rest] = item.split(':');
  const postsPerMinute = Number(rate);
  if (name === '' || rate === '' || !Number.isFinite(postsPerMinute) || postsPerMinute < 0 || rest.length > 0) {
    context.addIssue({ code: 'custom', message: `entry "${item}" must look like name:postsPerMinute[:status], e.g. news:5` });
  }
  if (!STATUSES.includes(status as SubredditStatus)) {
    context.addIssue({ code: 'custom', message: `status of "${item}" must be one of ${STATUSES.join(', ')}` });
  }
  return { name, postsPerMinute, status: status as SubredditStatus };
}

/** Reads the command line; `help` when `--help` was given. Every problem is reported at once. */
export function parseCliOptions(argv: readonly string[]): CliOptions | 'help' {
  const values = parseFlags(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      subreddits: { type: 'string' },
      seed: { type: 'string' },
      budget: { type: 'string' },
      'window-seconds': { type: 'string' },
      'history-minutes': { type: 'string' },
      'comments-per-post': { type: 'string' },
      help: { type: 'boolean' },
    },
    (problem) => new FakeRedditUsageError([problem], USAGE),
  );
  if (values['help'] === true) return 'help';
  const parsed = schema.safeParse({
    port: values['port'],
    host: values['host'],
    subreddits: values['subreddits'],
    seed: values['seed'],
    budget: values['budget'],
    windowSeconds: values['window-seconds'],
    historyMinutes: values['history-minutes'],
    commentsPerPost: values['comments-per-post'],
  });
  if (!parsed.success) {
    throw new FakeRedditUsageError(parsed.error.issues.map((issue) => `${optionName(issue.path[0])} ${issue.message}`), USAGE);
  }
  const { commentsPerPost } = parsed.data;
  const subreddits = parsed.data.subreddits.map((spec) => (commentsPerPost > 0 ? { ...spec, commentsPerMinute: spec.postsPerMinute * commentsPerPost } : spec));
  return Object.freeze({ ...parsed.data, subreddits: Object.freeze(subreddits) });
}

function optionName(key: PropertyKey | undefined): string {
  return `--${String(key).replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
