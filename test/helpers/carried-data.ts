/**
 * The public data some hostile submissions carry in their code, as a student could copy it into theirs:
 * MNIST's test labels, the breast-cancer table's diagnoses in an order the submission can find again, a random
 * forest grown on MNIST's test set. Written from the shipped datasets, as `carried.ts`, into a copy of the
 * submission's src folder, so that no dataset is committed twice and the copies can never drift.
 */
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadMnist } from '../../datasets/mnist.ts';
import { loadWdbc } from '../../datasets/wdbc.ts';
import { RandomForestClassifier } from '../../runtime/random-forest.ts';

export type CarriedData = 'mnist-test-labels' | 'wdbc-labels-by-order' | 'test-set-forest';

/** The module text of `carried.ts` for one kind of carried data. */
async function carriedModule(kind: CarriedData): Promise<string> {
  const header = '// Public data carried in the code, written by the test from the shipped datasets (test/helpers/carried-data.ts).\n';
  if (kind === 'mnist-test-labels') {
    const { test } = await loadMnist({ verify: false });
    return `${header}export const TEST_LABELS = '${Array.from(test!.labels).join('')}';\n`;
  }
  if (kind === 'wdbc-labels-by-order') {
    const data = await loadWdbc({ verify: false });
    const columns = data.features.length / data.count;
    const at = (row: number, column: number) => data.features[row * columns + column]!;
    const order = Array.from({ length: data.count }, (_, i) => i).sort((a, b) => at(a, 0) - at(b, 0) || at(a, 1) - at(b, 1));
    for (let i = 1; i < order.length; i++) {
      if (at(order[i]!, 0) === at(order[i - 1]!, 0) && at(order[i]!, 1) === at(order[i - 1]!, 1))
        throw new Error('Two rows of wdbc share their first two columns: the lookup cannot tell them apart.');
    }
    return `${header}export const LABELS_BY_ORDER = '${order.map((row) => data.labels[row]).join('')}';\n`;
  }
  // Twenty trees of depth 10 grown on the 10,000 test images: 0.99 on them, each tree under the size a tree
  // grown on 1,000 images may have, so only its indifference to the labels it is given can give it away.
  const { test } = await loadMnist({ verify: false });
  const forest = new RandomForestClassifier({ seed: 7, nTrees: 20, maxDepth: 10, bootstrap: false }).fit(test!.images, test!.labels);
  return `${header}export const FOREST = ${JSON.stringify(forest.serialize())};\n`;
}

/** A copy of the submission folder `src` with its `carried.ts` written. */
export async function withCarriedData(src: string, kind: CarriedData): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'labgrade-carried-')), 'src');
  await cp(src, dir, { recursive: true });
  await writeFile(path.join(dir, 'carried.ts'), await carriedModule(kind));
  return dir;
}
