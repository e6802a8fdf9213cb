import { readYaml } from './deploy-files';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

interface Workflow {
  jobs?: Record<string, { steps?: Step[] }>;
}

const workflow = readYaml('.github/workflows/ci.yml') as Workflow;
const steps = Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);

describe('GitHub CI workflow', () => {
  it('computes the base and head with nrwl/nx-set-shas', () => {
    expect(steps.some((s) => s.uses?.startsWith('nrwl/nx-set-shas@'))).toBe(true);
  });

  it('checks out the full history that nx affected compares against', () => {
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
  });

  it('runs lint, typecheck, unit and integration tests with nx affected', () => {
    expect(steps.some((s) => /nx affected\b.*-t lint typecheck test integration/.test(s.run ?? ''))).toBe(true);
  });
});
