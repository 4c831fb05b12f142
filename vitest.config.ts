import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const root = path.dirname(fileURLToPath(import.meta.url));
const toPosix = (p: string): string => p.replaceAll('\\', '/');

/**
 * With LABGRADE_VISIBLE_TARGET=solutions, imports that resolve into exercises/<slug>/src/<file> load
 * solutions/<slug>/src/<file> instead, so that this repository can run the visible tests against the
 * reference solutions without copying files.
 */
function visibleTestsTarget(): Plugin {
  const exercises = `${toPosix(root)}/exercises/`;
  return {
    name: 'labgrade:visible-tests-target',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (process.env['LABGRADE_VISIBLE_TARGET'] !== 'solutions') return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external) return resolved;
      const [file = '', query] = toPosix(resolved.id).split('?');
      const match = file.startsWith(exercises) ? /^([^/]+)\/src\/(.+)$/.exec(file.slice(exercises.length)) : null;
      if (!match) return resolved;
      const target = path.join(root, 'solutions', match[1]!, 'src', match[2]!);
      if (!existsSync(target)) {
        throw new Error(`Expected a reference solution at ${target} for ${file}, but there is none. Add it, or unset LABGRADE_VISIBLE_TARGET.`);
      }
      return { ...resolved, id: query === undefined ? target : `${target}?${query}` };
    },
  };
}

/**
 * Test files that grade for real, longest first (in a full run on a 2-core machine, two files at a time, the
 * 03 file takes about twice as long as any other). Starting the longest first ends the run soonest; the rest
 * keep vitest's own order.
 */
const LONGEST_FIRST = [
  'test/graders/grade-mnist-mlp.test.ts',
  'test/graders/class-regrade.test.ts',
  'test/graders/grade-mnist-random-forest.test.ts',
  'test/exercises/visible.test.ts',
  'test/graders/hostile-corpus.test.ts',
  'test/graders/grade-mnist-data.test.ts',
  'test/graders/grade-cnn-basics.test.ts',
  'test/graders/goldens-mnist-mlp.test.ts',
  'test/graders/grade-tfjs-basics.test.ts',
  'test/graders/doctor.test.ts',
  'test/graders/static-checks.test.ts',
  'test/graders/classroom-pushes.test.ts',
  'test/graders/template.test.ts',
  'test/graders/watch.test.ts',
];

class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const i = LONGEST_FIRST.indexOf(toPosix(path.relative(root, spec.moduleId)));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}

export default defineConfig({
  resolve: {
    alias: { 'labgrade/runtime': path.join(root, 'runtime', 'index.ts') },
  },
  test: {
    // Most time in this repository's tests is spent waiting for real grading processes; on a 2-core runner
    // vitest's default (one worker per core but one) would run the test files one by one.
    maxWorkers: 2,
    // Tests marked concurrent (golden submissions) grade at most two submissions at a time.
    maxConcurrency: 2,
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        // This repository's own tests (`npm test`). Hidden suites (graders/suites) are run by the grader, never directly here.
        extends: true,
        test: {
          name: 'labgrade',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/setup/static-cache.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The visible tests students run (`npm run test:exercise -- <slug>`).
        extends: true,
        plugins: [visibleTestsTarget()],
        test: {
          name: 'exercises',
          include: ['exercises/*/test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
