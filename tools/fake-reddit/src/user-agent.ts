/**
 * Default user agents of HTTP libraries and tools. Reddit throttles them hard (its API rules: the
 * user agent must be descriptive, like `<platform>:<app id>:<version> (by /u/<name>)`).
 */
const GENERIC_USER_AGENTS = [
  'node',
  'undici',
  'python-requests',
  'python-urllib',
  'python-httpx',
  'aiohttp',
  'curl',
  'wget',
  'axios',
  'got',
  'node-fetch',
  'okhttp',
  'go-http-client',
  'java',
  'libwww-perl',
  'postmanruntime',
];

/** Whether a `User-Agent` is missing or a library default that Reddit answers with 429. */
export function isGenericUserAgent(userAgent: string | undefined): boolean {
  const ua = userAgent?.trim().toLowerCase() ?? '';
  return ua === '' || GENERIC_USER_AGENTS.some((prefix) => ua === prefix || ua.startsWith(`${prefix}/`) || ua.startsWith(`${prefix} `));
}
