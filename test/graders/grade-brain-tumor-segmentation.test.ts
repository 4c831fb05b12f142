/**
 * 05-brain-tumor-segmentation graded end to end by the real CLI on the WebAssembly backend, in one regrade
 * run (`--submissions`): the reference U-Net trained on 400 synthetic multi-contrast MRI slices and scored by
 * Dice on 50 held-out slices, the untouched stub, and golden wrong submissions (no skip connections; a loss
 * with no gradient), each of which gets exactly the result its expected.json describes.
 */
import { describe, expect, vi } from 'vitest';
import { describeSolutionStubAndGoldens } from '../helpers/grade.ts';

vi.setConfig({ testTimeout: 120_000 });

describe('05-brain-tumor-segmentation', () => {
  describeSolutionStubAndGoldens('05-brain-tumor-segmentation', {
    goldens: ['no-skip', 'loss-without-gradient'],
    notAttempted: ['buildUnet', 'diceScore', 'softDiceLoss', 'trainUnet'],
    solutionTitle: 'the reference U-Net scores full marks on wasm, clearly above the Dice threshold in every class',
    solution: (result) => {
      const check = result.checks.find((c) => c.id === 'segmentation.dice')!;
      expect(check.metric!.value!).toBeGreaterThanOrEqual(0.8);
      for (const [, dice] of check.message.matchAll(/(?:oedema|enhancing tumour|necrotic core) (\d\.\d{3})/g))
        expect(Number(dice)).toBeGreaterThanOrEqual(0.75);
      expect(result.curves?.[0]?.values).toHaveLength(30);
    },
  });
});
