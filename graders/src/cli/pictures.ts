/** `grade --pictures DIR`: the line that names the PNG files drawn for an exercise, or says none were. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { msg } from '../core/i18n.ts';
import type { Language } from '../core/manifest.ts';

/** The pictures drawn in `picturesDir/<slug>/`, relative to the working folder, as one line. */
export function picturesLine(picturesDir: string, slug: string, language: Language): string {
  const dir = path.join(picturesDir, slug);
  const drawn = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.png'))
        .sort()
    : [];
  return drawn.length
    ? msg('cli.pictures', language, { files: drawn.map((f) => path.relative(process.cwd(), path.join(dir, f))).join(', ') })
    : msg('cli.no-pictures', language, { slug });
}
