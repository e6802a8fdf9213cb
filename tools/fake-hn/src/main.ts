/**
 * The fake Hacker News API as a process, for offline demos and benchmarks: `node
 * dist/tools/fake-hn/main.js --port 8090 --history-minutes 1440`. Prints where it listens as one
 * JSON line on stdout and stops on SIGTERM or SIGINT. Exit codes: 0 stopped or help, 1 could not
 * run (the port is taken...), 2 bad command line or environment.
 */
import { runCli } from './cli';

const controller = new AbortController();
for (const name of ['SIGTERM', 'SIGINT'] as const) process.once(name, () => controller.abort());

const output = {
  stdout: (line: string) => process.stdout.write(`${line}\n`),
  stderr: (line: string) => process.stderr.write(`${line}\n`),
};

runCli(process.argv.slice(2), process.env, output, controller.signal).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    output.stderr(String(error instanceof Error ? (error.stack ?? error) : error));
    process.exitCode = 1;
  },
);
