import { parseMigratorConfig } from './config';
import { ensureLoginUsers, existingRoleProblem, missingGroupRoleMessage, noCreateRoleMessage, type RoleAttributes } from './login-users';

const [scraper, analyst] = parseMigratorConfig(
  {
    DATABASE_URL: 'postgres://owner:pw@db.local/sentiment',
    DB_SCRAPER_USER: 'sentiment_scraper',
    DB_SCRAPER_PASSWORD: 'scraper-secret',
    DB_ANALYST_USER: 'sentiment_analyst',
    DB_ANALYST_PASSWORD: 'analyst-secret',
  },
  'environment DATABASE_URL',
).loginUsers;
const PLAIN: RoleAttributes = { rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false, rolbypassrls: false };

describe('existingRoleProblem', () => {
  it('accepts a plain role', () => {
    expect(existingRoleProblem(scraper!, PLAIN)).toBeNull();
  });

  it('refuses a role with rights beyond its group role, naming them and the fix', () => {
    expect(existingRoleProblem(scraper!, { ...PLAIN, rolsuper: true, rolcreatedb: true })).toBe(
      'DB_SCRAPER_USER=sentiment_scraper names an existing role with SUPERUSER, CREATEDB: the scrapers would have more rights than ' +
        "sentiment_writer grants, and up would change that role's password. Choose a user of its own (e.g. sentiment_scraper), " +
        'or have an admin remove those attributes (ALTER ROLE sentiment_scraper NOSUPERUSER NOCREATEDB;)',
    );
  });
});

describe('the messages for an admin', () => {
  it('give the CREATE ROLE and GRANT statements with a placeholder, never the password', () => {
    const message = noCreateRoleMessage('owner', [scraper!, analyst!]);
    expect(message).toContain("CREATE ROLE sentiment_scraper LOGIN PASSWORD '<DB_SCRAPER_PASSWORD>'; GRANT sentiment_writer TO sentiment_scraper;");
    expect(message).toContain("CREATE ROLE sentiment_analyst LOGIN PASSWORD '<DB_ANALYST_PASSWORD>'; GRANT sentiment_reader TO sentiment_analyst;");
    expect(message).toContain('ALTER ROLE owner CREATEROLE;');
    expect(message).not.toMatch(/secret/);
  });

  it('name the missing group role and how it comes to exist', () => {
    expect(missingGroupRoleMessage(analyst!)).toMatch(/^group role sentiment_reader does not exist, so DB_ANALYST_USER=sentiment_analyst cannot be granted it\. .*CREATE ROLE sentiment_reader NOLOGIN;/);
  });
});

describe('ensureLoginUsers without users', () => {
  it('says so in the log and sends nothing to the server', async () => {
    const lines: string[] = [];
    const client = { query: () => Promise.reject(new Error('no query expected')) };
    expect(await ensureLoginUsers(client, [], { info: (_fields, message) => lines.push(message) })).toEqual([]);
    expect(lines).toEqual(['no login users configured (DB_SCRAPER_USER and DB_ANALYST_USER are empty): none created or updated']);
  });
});
