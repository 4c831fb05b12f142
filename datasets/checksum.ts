/** Checksums of dataset files, so a loader can tell the original data from a corrupt or altered copy. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Hash algorithms used to pin dataset files. */
export type DigestAlgorithm = 'md5' | 'sha256';

/** Hex digest of a byte array. */
export function bytesDigest(bytes: Uint8Array, algo: DigestAlgorithm): string {
  return createHash(algo).update(bytes).digest('hex');
}

/** Hex digest of a file's bytes, streamed so large files are not held in memory. */
export async function fileDigest(path: string, algo: DigestAlgorithm): Promise<string> {
  const hash = createHash(algo);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
