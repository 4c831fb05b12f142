/** Reads GitHub workflow files as YAML, so that tests run exactly what a workflow runs. */
import { parse } from 'yaml';

export interface WorkflowStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

export interface WorkflowJob {
  'runs-on': string;
  'timeout-minutes'?: number;
  if?: string;
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown>; 'fail-fast'?: boolean };
  outputs?: Record<string, string>;
  steps: WorkflowStep[];
}

export interface Workflow {
  name: string;
  on: unknown;
  permissions?: Record<string, string>;
  jobs: Record<string, WorkflowJob>;
}

/** Parses a workflow file's text; YAML errors throw. */
export function parseWorkflow(text: string): Workflow {
  return parse(text, { strict: true, uniqueKeys: true }) as Workflow;
}

/** The `run:` command of the step with this name, in whichever job it is. */
export function stepRun(workflow: string, name: string): string {
  const steps = Object.values(parseWorkflow(workflow).jobs).flatMap((job) => job.steps);
  const step = steps.find((s) => s.name === name);
  if (!step) throw new Error(`Expected a step named "${name}" in the workflow`);
  if (typeof step.run !== 'string') throw new Error(`Expected the step "${name}" to have a run: command`);
  return step.run;
}
