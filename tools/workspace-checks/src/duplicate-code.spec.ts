import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appFolders, crossAppClones } from './duplicate-code';

const APPS = join(__dirname, '../../../apps');

describe('duplicate code between apps', () => {
  it('finds no run of logic that two apps both carry: shared logic lives in libs/', () => {
    expect(appFolders(APPS)).toEqual(expect.arrayContaining(['migrator', 'reddit-scraper']));
    expect(crossAppClones(APPS)).toEqual([]);
  });

  describe('the check itself', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'apps-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reports a function copied from one app into another, and ignores tests that share setup', () => {
      cpSync(join(APPS, 'reddit-scraper/src/polling'), join(dir, 'reddit-scraper/src/polling'), { recursive: true });
      mkdirSync(join(dir, 'copycat-scraper/src'), { recursive: true });
      cpSync(join(APPS, 'reddit-scraper/src/polling/page-walk.ts'), join(dir, 'copycat-scraper/src/walk.ts'));
      cpSync(join(APPS, 'reddit-scraper/src/polling/page-walk.spec.ts'), join(dir, 'copycat-scraper/src/walk.spec.ts'));
      writeFileSync(join(dir, 'copycat-scraper/src/main.ts'), "console.log('a different app');\n");

      const clones = crossAppClones(dir);
      expect(clones.length).toBeGreaterThan(0);
      expect(clones.every((c) => [c.a, c.b].some((side) => side.startsWith('copycat-scraper/src/walk.ts:')))).toBe(true);
      expect(clones.some((c) => [c.a, c.b].some((side) => side.includes('.spec.ts')))).toBe(false);
    });
  });
});
