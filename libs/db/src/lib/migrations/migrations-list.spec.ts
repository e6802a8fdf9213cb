import { readdirSync } from 'node:fs';
import { MIGRATIONS } from './index';

describe('MIGRATIONS', () => {
  it('lists every migration file in this folder, once, sorted by name (array order is run order)', () => {
    const onDisk = readdirSync(__dirname)
      .filter((file) => /^Migration\d{14}_[a-z0-9_]+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(MIGRATIONS.map((m) => m.name)).toEqual(onDisk);
  });

  it('names each entry after its class', () => {
    for (const migration of MIGRATIONS) {
      expect((migration.class as { name: string }).name).toBe(migration.name);
    }
  });
});
