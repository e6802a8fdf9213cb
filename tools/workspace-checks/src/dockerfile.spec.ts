import { readWorkspaceFile } from './deploy-files';

/** Dockerfile instructions with line continuations joined, comments dropped. */
function instructions(text: string): string[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const lines = instructions(readWorkspaceFile('Dockerfile'));

describe('Dockerfile', () => {
  it('pins every base image to a tag other than latest (or a digest)', () => {
    const stages: string[] = [];
    const unpinned: string[] = [];
    for (const line of lines.filter((l) => /^FROM\s/i.test(l))) {
      const words = line.split(/\s+/).filter((w) => !w.startsWith('--'));
      const image = words[1] ?? '';
      const alias = words[2]?.toUpperCase() === 'AS' ? words[3] : undefined;
      const pinned = /@sha256:/.test(image) || /:(?!latest$)[^/:]+$/.test(image);
      if (!stages.includes(image) && !pinned) unpinned.push(line);
      if (alias) stages.push(alias);
    }
    expect(stages.length).toBeGreaterThan(0);
    expect(unpinned).toEqual([]);
  });

  it('selects the app with ARG APP and builds it with nx', () => {
    expect(lines).toContain('ARG APP');
    expect(lines.some((l) => /^RUN\s.*nx run "?\$\{APP\}:build/.test(l))).toBe(true);
  });

  it('starts node in exec form, so SIGTERM reaches the app', () => {
    const entrypoint = lines.filter((l) => /^ENTRYPOINT\s/.test(l)).at(-1) ?? '';
    const args = JSON.parse(entrypoint.replace(/^ENTRYPOINT\s+/, '') || 'null') as unknown;
    expect(Array.isArray(args) && args[0] === 'node').toBe(true);
  });

  it("checks a scraper's /readyz with node in exec form (the slim image has no curl)", () => {
    const healthcheck = lines.filter((l) => /^HEALTHCHECK\s/.test(l));
    expect(healthcheck).toHaveLength(1);
    const args = JSON.parse(/\sCMD\s+(\[.*\])$/.exec(healthcheck[0]!)?.[1] ?? 'null') as string[] | null;
    expect(args?.slice(0, 2)).toEqual(['node', '-e']);
    expect(args?.[2]).toMatch(/fetch\('http:\/\/127\.0\.0\.1:' \+ \(process\.env\.HTTP_PORT \|\| \d+\) \+ '\/readyz'\)/);
  });

  it('runs on the current Node LTS (24): Node 20 reached its end of life in April 2026', () => {
    const images = lines.filter((l) => /^FROM\s/i.test(l)).map((l) => l.split(/\s+/)[1] ?? '');
    expect(images.every((image) => /^node:24(\.\d+)*-/.test(image))).toBe(true);
  });

  it("installs in the runtime stage only the packages the app's bundle imports (its generated package.json and lock file)", () => {
    const runtime = lines.slice(lines.findIndex((l) => /^FROM\s.*\sAS\s+runtime$/i.test(l)));
    expect(runtime).toContain('COPY --from=build /workspace/out/ /app/');
    // the build stage puts an app's output (dist/apps) or a demo fake's (dist/tools) there
    expect(lines.some((l) => /^RUN\s.*cp -r "dist\/apps\/\$\{APP\}" \/workspace\/out;.*cp -r "dist\/tools\/\$\{APP\}" \/workspace\/out/.test(l))).toBe(true);
    expect(runtime.some((l) => /^RUN if \[ -f package\.json \]; then npm ci --omit=dev/.test(l))).toBe(true);
    expect(runtime.some((l) => /^COPY package\.json/.test(l))).toBe(false);
    type BuildOptions = { generatePackageJson?: boolean; thirdParty?: boolean };
    const buildOptions = (project: string) => (JSON.parse(readWorkspaceFile(`${project}/project.json`)) as { targets: { build: { options: BuildOptions } } }).targets.build.options;
    for (const app of ['apps/migrator', 'apps/reddit-scraper', 'apps/hn-scraper', 'apps/reddit-archive']) {
      expect({ app, generatePackageJson: buildOptions(app).generatePackageJson }).toEqual({ app, generatePackageJson: true });
    }
    // Nx deprecates generatePackageJson for libraries: the demo fakes bundle their few packages instead
    for (const tool of ['tools/fake-reddit', 'tools/fake-hn']) {
      const { generatePackageJson, thirdParty } = buildOptions(tool);
      expect({ tool, generatePackageJson, thirdParty }).toEqual({ tool, generatePackageJson: undefined, thirdParty: true });
    }
  });

  it('runs as the unprivileged node user', () => {
    expect(lines.filter((l) => /^USER\s/.test(l)).at(-1)).toBe('USER node');
  });
});
