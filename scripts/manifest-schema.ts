/**
 * Writes graders/schema/exercise.schema.json, the JSON Schema every exercise.json names in `$schema`, from the
 * zod schema in graders/src/core/manifest.ts. Run after changing the manifest: `npm run schema:manifest`
 * (test/graders/manifest.test.ts fails while the committed file is out of date).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST_SCHEMA_PATH, manifestJsonSchema } from '../graders/src/core/manifest.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await writeFile(path.join(repoRoot, MANIFEST_SCHEMA_PATH), manifestJsonSchema());
console.log(`wrote ${MANIFEST_SCHEMA_PATH}`);
