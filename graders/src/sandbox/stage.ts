/**
 * Stages a submission for the child process: bundles the student's files (with the shared runtime) and the
 * exercise's driver into a private folder, with TF.js left external so both share one engine. Imports that
 * reach outside the submission (solutions, graders, other packages) are refused here, before anything runs.
 */
import { build, type Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, runtimeDir, relativeToRepo } from '../core/paths.ts';

const require = createRequire(import.meta.url);

/** Packages student code may import. Everything else is refused with a clear message. */
export const ALLOWED_PACKAGES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  'labgrade/runtime',
] as const;

export class StageError extends Error {
  readonly code = 'LABGRADE_STAGE_FAILED';
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'StageError';
  }
}

/** Optional packages (the native backends): a machine without them still grades, on another backend. */
const OPTIONAL_PACKAGES: readonly string[] = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];
const backendModule = path.join(runtimeDir, 'backend.ts');

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Resolves TF.js imports to absolute file URLs (one shared instance) and confines the rest. */
function confinePlugin(allowedRoots: string[], label: string, driverFile?: string): Plugin {
  return {
    name: 'labgrade-confine',
    setup(b) {
      b.onResolve({ filter: /^labgrade\/runtime$/ }, () => ({ path: path.join(runtimeDir, 'index.ts') }));
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || require('node:module').builtinModules.includes(packageName(args.path))) {
          return { path: args.path, external: true };
        }
        const name = packageName(args.path);
        if (name === 'labgrade-driver' && driverFile) return { path: driverFile };
        if (!(ALLOWED_PACKAGES as readonly string[]).includes(name)) {
          return {
            errors: [
              {
                text: `${label} imports "${args.path}", which is not available when grading. Only ${ALLOWED_PACKAGES.filter((p) => !p.includes('-node')).join(', ')} may be imported.`,
              },
            ],
          };
        }
        try {
          return { path: pathToFileURL(require.resolve(args.path, { paths: [repoRoot] })).href, external: true };
        } catch {
          // The runtime imports the optional native backends only when asked for them, and reports their absence itself.
          if (OPTIONAL_PACKAGES.includes(name) && args.importer === backendModule) return { path: args.path, external: true };
          return { errors: [{ text: `"${args.path}" is not installed. Run \`npm install\` in the project folder.` }] };
        }
      });
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = path.resolve(args.resolveDir, args.path);
        if (!allowedRoots.some((root) => target === root || target.startsWith(root + path.sep))) {
          return {
            errors: [
              {
                text: `${label} imports "${args.path}", which is outside the submission (${relativeToRepo(target)}). Keep all your code inside your exercise's src/ folder.`,
              },
            ],
          };
        }
        return undefined;
      });
    },
  };
}

export interface StagedSubmission {
  /** Private folder holding the bundles, the child's config and the data files. */
  dir: string;
  dataDir: string;
  studentBundle: string;
  childBundle: string;
  remove(): Promise<void>;
}

export interface StageOptions {
  /** Folder with the student's files. */
  submissionDir: string;
  /** The files to load, relative to `submissionDir`. */
  files: string[];
  /** The exercise's driver module. */
  driverFile: string;
}

/** Bundles a submission and its driver into a fresh private folder. */
export async function stageSubmission(options: StageOptions): Promise<StagedSubmission> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-'));
  const dataDir = path.join(dir, 'data');
  await mkdir(dataDir);
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const submissionDir = path.resolve(options.submissionDir);
    // A missing file is reported by the static checks (and its exports by the checks that need them); the
    // files that are there are still graded, so that a repository made before a file was added (src/answers.ts,
    // say) keeps the points of its code.
    const present = options.files.filter((file) => existsSync(path.join(submissionDir, file)));
    const entry = (present.length > 0 ? present : options.files)
      .map((file, i) => `export * as m${i} from ${JSON.stringify(path.join(submissionDir, file))};`)
      .join('\n');
    const studentBundle = path.join(dir, 'student.mjs');
    const childBundle = path.join(dir, 'child.mjs');
    const common = {
      bundle: true,
      format: 'esm' as const,
      platform: 'node' as const,
      target: 'node20',
      sourcemap: 'linked' as const,
      sourcesContent: false,
      logLevel: 'silent' as const,
      write: true,
    };
    try {
      await build({
        ...common,
        stdin: { contents: entry, resolveDir: submissionDir, loader: 'ts', sourcefile: 'labgrade-entry.ts' },
        outfile: studentBundle,
        plugins: [confinePlugin([submissionDir, runtimeDir], 'The submission')],
      });
    } catch (error) {
      const first = (error as { errors?: { text: string; location?: { file: string; line: number } }[] }).errors?.[0];
      const file = first?.location?.file ? path.relative(submissionDir, path.resolve(submissionDir, first.location.file)).split(path.sep).join('/') : undefined;
      throw new StageError(first ? `${first.text}${file ? ` (${file}:${first.location!.line})` : ''}` : String(error), file, first?.location?.line);
    }
    await build({
      ...common,
      entryPoints: [path.join(import.meta.dirname, '..', 'child', 'main.ts')],
      outfile: childBundle,
      plugins: [confinePlugin([repoRoot], 'The grader driver', options.driverFile)],
    });
    return { dir, dataDir, studentBundle, childBundle, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Writes a data file for the child to read (training data, test inputs). */
export async function stageData(staged: StagedSubmission, name: string, bytes: ArrayBufferView): Promise<void> {
  await writeFile(path.join(staged.dataDir, name), new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
