import { readYaml } from './deploy-files';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

interface Workflow {
  permissions?: Record<string, string>;
  jobs?: Record<string, { steps?: Step[]; permissions?: Record<string, string> }>;
}

const workflow = readYaml('.github/workflows/ci.yml') as Workflow;
const steps = Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);

describe('GitHub CI workflow', () => {
  it('computes the base and head with nrwl/nx-set-shas v5', () => {
    expect(steps.filter((s) => s.uses?.startsWith('nrwl/nx-set-shas@')).map((s) => s.uses)).toEqual(['nrwl/nx-set-shas@v5']);
  });

  it('lets nx-set-shas read the workflow runs (actions: read) and nothing more than the code', () => {
    expect(workflow.permissions).toEqual({ actions: 'read', contents: 'read' });
    expect(Object.values(workflow.jobs ?? {}).every((job) => job.permissions === undefined)).toBe(true);
  });

  it('checks out the full history that nx affected compares against', () => {
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
  });

  it('runs lint, typecheck, unit and integration tests and the build with nx affected', () => {
    expect(steps.some((s) => /nx affected\b.*-t lint typecheck test integration build\b/.test(s.run ?? ''))).toBe(true);
  });
});
