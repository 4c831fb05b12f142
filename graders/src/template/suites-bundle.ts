/**
 * How the hidden suites travel with a student template: as files (the private suites repository) or as
 * `graders/suites.bundle`, AES-256-GCM, opened by `labgrade unpack-suites` with the key in the secret
 * LABGRADE_SUITES_KEY. Either way they carry `template.json`, the template's hashes (integrity.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LabgradeError, UsageError } from '../core/errors.ts';
import { repoRoot, suitesDir } from '../core/paths.ts';
import { TEMPLATE_HASHES_FILE, type TemplateHashes } from './integrity.ts';
import { BUNDLE_FILE, walk } from './tree.ts';
import { localized } from '../core/i18n.ts';

export const SUITES_KEY_ENV = 'LABGRADE_SUITES_KEY';

/** What the hidden suites travel as: every file of graders/suites plus the template's hashes. */
export function suiteFiles(hashes: TemplateHashes): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const file of walk(suitesDir, suitesDir)) if (file !== TEMPLATE_HASHES_FILE) files.set(file, readFileSync(path.join(suitesDir, file)));
  files.set(TEMPLATE_HASHES_FILE, Buffer.from(`${JSON.stringify(hashes, null, 2)}\n`));
  return files;
}

const Bundle = z.object({
  format: z.literal('labgrade-suites'),
  version: z.literal(1),
  cipher: z.literal('aes-256-gcm'),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});

/** A 32-byte key, written as base64. */
function parseKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) {
    throw new LabgradeError(
      'LABGRADE_SUITES_KEY_INVALID',
      `Expected ${where} to hold a 32-byte key in base64 (44 characters), but it decodes to ${key.length} bytes. Use the key file that \`labgrade export-template --bundle-key FILE\` wrote.`,
    );
  }
  return key;
}

export function encryptSuites(files: Map<string, Buffer>, key: Buffer): string {
  const plain = Buffer.from(JSON.stringify({ files: Object.fromEntries([...files].map(([name, data]) => [name, data.toString('base64')])) }));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  const bundle = {
    format: 'labgrade-suites',
    version: 1,
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return `${JSON.stringify(bundle)}\n`;
}

export function decryptSuites(text: string, key: Buffer, file: string): Map<string, Buffer> {
  let bundle: z.infer<typeof Bundle>;
  try {
    bundle = Bundle.parse(JSON.parse(text));
  } catch {
    throw new LabgradeError(
      'LABGRADE_SUITES_BUNDLE_INVALID',
      `Expected ${file} to be a labgrade suites bundle, but it is not one (or is damaged). Export the template again.`,
    );
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(bundle.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(bundle.tag, 'base64'));
    plain = Buffer.concat([decipher.update(Buffer.from(bundle.data, 'base64')), decipher.final()]);
  } catch {
    throw new LabgradeError(
      'LABGRADE_SUITES_KEY_WRONG',
      `The key in ${SUITES_KEY_ENV} does not open ${file} (it was encrypted with another key, or changed since). Set the secret to the key file written when this template was exported.`,
    );
  }
  const { files } = z.object({ files: z.record(z.string(), z.string()) }).parse(JSON.parse(plain.toString('utf8')));
  return new Map(Object.entries(files).map(([name, data]) => [name, Buffer.from(data, 'base64')]));
}

/** Writes `files` below `dir`, refusing names that would land outside it. */
export async function writeTree(dir: string, files: Map<string, Buffer>): Promise<void> {
  for (const [name, data] of files) {
    const target = path.resolve(dir, name);
    if (!target.startsWith(path.resolve(dir) + path.sep))
      throw new LabgradeError('LABGRADE_SUITES_BUNDLE_INVALID', `The bundle names a file outside the suites folder (${name}); it was not written.`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, data);
  }
}

/** The bundle's key from `keyFile`, or a new one written there (readable by its owner only). */
export async function bundleKey(keyFile: string): Promise<{ key: Buffer; created: boolean }> {
  if (existsSync(keyFile)) return { key: parseKey(await readFile(keyFile, 'utf8'), keyFile), created: false };
  const key = randomBytes(32);
  await mkdir(path.dirname(keyFile), { recursive: true });
  await writeFile(keyFile, `${key.toString('base64')}\n`, { mode: 0o600 });
  await chmod(keyFile, 0o600);
  return { key, created: true };
}

/** `labgrade unpack-suites`: opens graders/suites.bundle with the key in LABGRADE_SUITES_KEY into graders/suites. */
export async function unpackSuites(bundleFile = path.join(repoRoot, BUNDLE_FILE)): Promise<number> {
  if (!existsSync(bundleFile)) throw new UsageError(localized('usage.no-bundle', { path: bundleFile }));
  const keyText = process.env[SUITES_KEY_ENV];
  if (!keyText) {
    throw new LabgradeError(
      'LABGRADE_SUITES_KEY_MISSING',
      `Expected the key that opens the hidden suites in the environment variable ${SUITES_KEY_ENV}, but it is not set. In GitHub, add the key file's contents as a secret of that name (for a classroom, an organisation secret).`,
    );
  }
  const files = decryptSuites(await readFile(bundleFile, 'utf8'), parseKey(keyText, SUITES_KEY_ENV), bundleFile);
  await writeTree(suitesDir, files);
  return files.size;
}
