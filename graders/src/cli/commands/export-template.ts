/**
 * `labgrade export-template <dir>`: the student template repository, with no solution or hidden suite in it;
 * the suites encrypted beside it (--bundle-key) or copied for a private repository (--suites-copy).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.ts';
import { localized } from '../../core/i18n.ts';

export async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'bundle-key': { type: 'string' }, 'suites-copy': { type: 'string' }, hashes: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError(localized('usage.template-folder', { count: positionals.length }));
  const { exportTemplate } = await import('../../template/export.ts');
  const summary = await exportTemplate({
    dir: positionals[0]!,
    ...(values['bundle-key'] !== undefined ? { bundleKeyFile: values['bundle-key'] } : {}),
    ...(values['suites-copy'] !== undefined ? { suitesCopyDir: values['suites-copy'] } : {}),
    ...(values.hashes !== undefined ? { hashesFile: values.hashes } : {}),
  });
  const lines = [`Template written to ${positionals[0]} (${summary.files} files; no solution or hidden suite text in it).`];
  if (values['bundle-key'] !== undefined) {
    lines.push(
      summary.keyCreated
        ? `A new key is in ${values['bundle-key']}: add its contents as the secret LABGRADE_SUITES_KEY, and keep the file out of the template.`
        : `The hidden suites are encrypted with the key in ${values['bundle-key']} (the secret LABGRADE_SUITES_KEY).`,
    );
  }
  if (values['suites-copy'] !== undefined)
    lines.push(`The hidden suites are in ${values['suites-copy']}: push them to the private repository named by LABGRADE_SUITES_REPOSITORY.`);
  const hashes = path.relative(process.cwd(), summary.hashesFile);
  lines.push(
    `The template's hashes are in ${hashes.startsWith('..') ? summary.hashesFile : hashes}: keep them with the suites, so that regrades report changed files.`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
