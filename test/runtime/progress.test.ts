import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../runtime/backend.ts';
import { ProgressBar, observeProgress, reportModelFitProgress, type TrainingProgress } from '../../runtime/progress.ts';
import { fit } from '../../runtime/train.ts';

beforeAll(async () => {
  await selectBackend('wasm');
  reportModelFitProgress(tf);
});

afterEach(() => observeProgress(undefined));

function model(): tf.LayersModel {
  const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, activation: 'softmax' })] });
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

const data = () => {
  const xs = tf.randomUniform([100, 4], 0, 1, 'float32', 1);
  const ys = tf
    .oneHot(
      tf.tensor1d(
        Array.from({ length: 100 }, (_, i) => i % 3),
        'int32',
      ),
      3,
    )
    .toFloat();
  return { xs, ys };
};

describe('training progress', () => {
  it("reaches the observer from the runtime's fit: every batch, then each epoch's end", async () => {
    const seen: TrainingProgress[] = [];
    observeProgress((p) => void seen.push(p));
    const { xs, ys } = data();
    const m = model();
    const history = await fit(m, xs, ys, { epochs: 2, batchSize: 32 });
    tf.dispose([xs, ys]);
    m.dispose();
    const ends = seen.filter((p) => p.epochDone);
    expect(ends.map((p) => [p.epoch, p.epochs, p.batch, p.batches])).toEqual([
      [0, 2, 4, 4],
      [1, 2, 4, 4],
    ]);
    expect(ends.map((p) => p.loss)).toEqual(history.loss);
    expect(seen.filter((p) => !p.epochDone).map((p) => p.batch)).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
  });

  it("reaches the observer from TensorFlow.js's model.fit, once registered", async () => {
    const seen: TrainingProgress[] = [];
    observeProgress((p) => void seen.push(p));
    const { xs, ys } = data();
    const m = model();
    const history = await m.fit(xs, ys, { epochs: 3, batchSize: 25 });
    tf.dispose([xs, ys]);
    m.dispose();
    const ends = seen.filter((p) => p.epochDone);
    expect(ends.map((p) => [p.epoch, p.epochs, p.batches])).toEqual([
      [0, 3, 4],
      [1, 3, 4],
      [2, 3, 4],
    ]);
    ends.forEach((p, i) => expect(p.loss).toBeCloseTo(history.history['loss']![i] as number, 5));
  });

  it('never stops training when the observer throws', async () => {
    observeProgress(() => {
      throw new Error('display broke');
    });
    const { xs, ys } = data();
    const m = model();
    await expect(fit(m, xs, ys, { epochs: 1, batchSize: 50 })).resolves.toBeDefined();
    tf.dispose([xs, ys]);
    m.dispose();
  });
});

describe('the progress bar', () => {
  const run = (live: boolean, language: 'en' | 'nb' = 'en') => {
    let t = 0;
    let out = '';
    const bar = new ProgressBar(
      (s) => void (out += s),
      live,
      undefined,
      () => t,
      language,
    );
    const step = (ms: number, p: Partial<TrainingProgress>) => {
      t += ms;
      bar.update({ epoch: 0, epochs: 2, batch: 0, batches: 10, epochDone: false, ...p });
    };
    step(0, { batch: 0 });
    step(1000, { batch: 5, loss: 0.5, acc: 0.8 });
    step(1000, { batch: 10, loss: 0.4, acc: 0.85, epochDone: true });
    step(0, { epoch: 1, batch: 1, loss: 0.3 });
    bar.finish();
    return out;
  };

  it('in a terminal redraws one line with the bar, loss, accuracy and time left, and keeps each finished epoch', () => {
    const out = run(true);
    expect(out).toContain('\r\x1b[2Ktrain  epoch 1/2  [██████████░░░░░░░░░░] 5/10  loss 0.5000  acc 0.800  ~0:03 left');
    expect(out).toContain('\r\x1b[2Ktrain  epoch 1/2  10/10  loss 0.4000  acc 0.850  2.0 s\n');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('in a log prints one line per finished epoch and nothing else', () => {
    expect(run(false)).toBe('train  epoch 1/2  10/10  loss 0.4000  acc 0.850  2.0 s\n');
  });

  it('speaks bokmål when asked', () => {
    expect(run(false, 'nb')).toBe('trening  epoke 1/2  10/10  tap 0.4000  nøyaktighet 0.850  2.0 s\n');
    expect(run(true, 'nb')).toContain('\r\x1b[2Ktrening  epoke 1/2  [██████████░░░░░░░░░░] 5/10  tap 0.5000  nøyaktighet 0.800  ~0:03 igjen');
  });

  it('keeps at most one line a second for quick epochs, and always the last epoch', () => {
    for (const live of [false, true]) {
      let out = '';
      let t = 0;
      const bar = new ProgressBar(
        (s) => void (out += s),
        live,
        'train',
        () => t,
      );
      for (let epoch = 0; epoch < 100; epoch++) {
        t += 50;
        bar.update({ epoch, epochs: 100, batch: 15, batches: 15, epochDone: true, loss: 1 / (epoch + 1) });
      }
      bar.finish();
      const kept = out
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\r\x1b[2K').at(-1));
      // The first epoch, then every 20th (1 s at 50 ms each), then the last.
      expect(
        kept.map((line) => line!.match(/epoch (\d+)\/100/)![1]),
        String(live),
      ).toEqual(['1', '21', '41', '61', '81', '100']);
    }
  });
});
