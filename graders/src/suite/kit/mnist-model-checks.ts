/**
 * The checks and pictures that exercises training a TF.js model on MNIST share (03's MLP, 04's CNN): the
 * training loss halves on a probe of training images, nothing becomes NaN, training ends inside its limit,
 * and the accuracy on the 10,000 test images the grader keeps to itself reaches the threshold. Each exercise
 * passes its own hints. Every prediction is made here, by the model rebuilt from what the child sent.
 */
import { beforeAll, check, derived, fail, gradingContext, pictures, recordCurve, settled, t, type Localized, type Submission, type Task } from '../harness.ts';
import type { ExportedModel } from '../../core/exported-model.ts';
import { accuracy, argmaxRows, countNonFinite, crossEntropy } from './metrics.ts';
import { predictPixels } from './model-predict.ts';
import { rebuilt, type ModelDescription, type RebuiltModel } from './model-rebuild.ts';
import { trainingHints, type TrainingEvidence } from './training-evidence.ts';
import type { StagedMnist } from './mnist-suite.ts';

/**
 * The driver tasks of a training exercise (build the model, then train it), and what the grader makes of
 * them: the model as built and as trained, rebuilt here, and their predictions on the probe and test images.
 * `shape` is one image's input shape.
 */
export function mnistTrainingTasks(submission: Submission, data: () => StagedMnist, shape: number[]) {
  const sentBuilt = submission.task<ExportedModel>('build', 'build');
  const trained = submission.task<{ history: { loss: number[] } | null; model: ExportedModel }>('train', 'train', () => ({ count: data().train.count }), [
    sentBuilt,
  ]);
  const initial = rebuilt(submission, sentBuilt);
  const final = rebuilt(submission, trained, (v) => v.model);
  const built = derived(initial, (m) => m.description);
  const probe = (m: RebuiltModel) => predictPixels(m.model, data().probeImages, data().probeCount, shape);
  const before = derived(initial, probe);
  const after = derived(final, probe);
  const test = derived(final, (m) => predictPixels(m.model, data().test.images, data().test.count, shape));
  // The child trains while the grader rebuilds and runs the model as built: training starts once the build is in.
  beforeAll(() => void trained.value().catch(() => {}));
  return { built, before, trained, after, test, final };
}

export type { ModelDescription };

export interface TrainingTasks {
  data: () => StagedMnist;
  /** Probabilities on the probe images before and after training, and on the test images. */
  before: Task<Float32Array>;
  after: Task<Float32Array>;
  test: Task<Float32Array>;
  trained: Task<{ history: { loss: number[] } | null }>;
  minAccuracy: number;
  /**
   * The exercise's own advice, general to specific. When a check fails, the hint first says what the evidence
   * of training shows (training-evidence.ts), then this advice.
   */
  hints: {
    lossDecreases: Localized;
    finite: Localized;
    accuracy: Localized[];
  };
}

/** The training checks and pictures, in the order reports list them. */
export function trainingChecks(tasks: TrainingTasks): void {
  const evidence = (): Promise<TrainingEvidence> => trainingEvidence(tasks);
  lossDecreasesCheck(tasks, evidence);
  finiteCheck(tasks);
  check('training.time-limit', async () => {
    // Reaching the value means training finished inside its limit; a timeout ends this check as an error.
    await tasks.trained.value();
  });
  testAccuracyCheck(tasks, evidence);
  trainingPictures(tasks);
}

/** What training says, for hints: the loss history returned, and accuracy on the probe's training images against the test images. */
async function trainingEvidence({ data, after, test, trained }: TrainingTasks): Promise<TrainingEvidence> {
  const history = (await settled(trained))?.history;
  const [onProbe, onTest] = [await settled(after), await settled(test)];
  const measured =
    onProbe && onTest && onTest.length === data().test.count * 10
      ? { train: accuracy(onProbe, data().probeLabels, 10), heldOut: accuracy(onTest, data().test.labels, 10) }
      : {};
  return { loss: history?.loss ?? null, ...measured };
}

function lossDecreasesCheck({ data, before, after, hints }: TrainingTasks, evidence: () => Promise<TrainingEvidence>): void {
  check('training.loss-decreases', async (api) => {
    const [p0, p1] = [await before.value(), await after.value()];
    const lossBefore = crossEntropy(p0, data().probeLabels, 10);
    const lossAfter = crossEntropy(p1, data().probeLabels, 10);
    api.metric({
      name: { en: 'training loss after / before', nb: 'treningstap etter / før' },
      value: Number((lossAfter / lossBefore).toFixed(4)),
      threshold: 0.5,
      comparator: '<=',
    });
    if (!(lossAfter <= 0.5 * lossBefore)) {
      fail({
        message: { en: 'Training did not lower the loss enough on training images.', nb: 'Treningen senket ikke tapet nok på treningsbildene.' },
        expected: {
          en: `loss after training <= half the loss before (${lossBefore.toFixed(3)} -> <= ${(lossBefore / 2).toFixed(3)})`,
          nb: `tap etter trening <= halvparten av tapet før (${lossBefore.toFixed(3)} -> <= ${(lossBefore / 2).toFixed(3)})`,
        },
        found: Number.isFinite(lossAfter) ? lossAfter.toFixed(3) : String(lossAfter),
        hint: trainingHints(await evidence(), [hints.lossDecreases]),
      });
    }
  });
}

function finiteCheck({ after, trained, hints }: TrainingTasks): void {
  check('training.finite', async () => {
    const { history } = await trained.value();
    if (history) recordCurve('training-loss', { en: 'Training loss per epoch', nb: 'Treningstap per epoke' }, history.loss);
    const probe = await after.value();
    const badLoss = history ? countNonFinite(history.loss) : 0;
    const badOutputs = countNonFinite(probe);
    if (badLoss > 0 || badOutputs > 0) {
      fail({
        message: { en: 'Training produced NaN or infinite values.', nb: 'Treningen ga NaN eller uendelige verdier.' },
        expected: { en: 'finite loss in every epoch and finite predictions', nb: 'endelig tap i hver epoke og endelige prediksjoner' },
        found: {
          en: `${badLoss} non-finite loss value(s), ${badOutputs} non-finite prediction(s)`,
          nb: `ikke-endelige tapsverdier: ${badLoss}, ikke-endelige prediksjoner: ${badOutputs}`,
        },
        hint: hints.finite,
      });
    }
  });
}

function testAccuracyCheck({ data, test, minAccuracy, hints }: TrainingTasks, evidence: () => Promise<TrainingEvidence>): void {
  check('accuracy.test', async (api) => {
    const predictions = await test.value();
    const { test: images } = data();
    if (predictions.length !== images.count * 10) {
      fail({
        message: { en: 'The model gave the wrong number of outputs for the test images.', nb: 'Modellen ga feil antall utdata for testbildene.' },
        expected: { en: `${images.count * 10} values`, nb: `${images.count * 10} verdier` },
        found: { en: `${predictions.length} values`, nb: `${predictions.length} verdier` },
      });
    }
    const value = accuracy(predictions, images.labels, 10);
    api.metric({ name: { en: 'test accuracy', nb: 'testnøyaktighet' }, value: Number(value.toFixed(4)), threshold: minAccuracy, comparator: '>=' });
    if (!(value >= minAccuracy)) {
      fail({
        message: { en: 'Test accuracy is below the threshold.', nb: 'Testnøyaktigheten er under terskelen.' },
        expected: `>= ${minAccuracy}`,
        found: value.toFixed(4),
        hint: trainingHints(await evidence(), hints.accuracy),
      });
    }
  });
}

/** The test digits with their predictions, the confusion matrix and the loss curve, for the report. */
function trainingPictures({ data, test, trained }: TrainingTasks): void {
  pictures(async (save) => {
    const { confusionPng, curvesPng, digitsPng } = await import('./pictures.ts');
    const { language } = gradingContext();
    const { test: images } = data();
    const scores = await settled(test);
    if (scores && scores.length === images.count * 10) {
      const predicted = argmaxRows(scores, 10);
      await save('test-digits', () =>
        digitsPng(
          t({ en: 'Test digits: true → predicted (wrong ones first)', nb: 'Testsifre: riktig → predikert (feil først)' }),
          images.images,
          images.labels,
          predicted,
        ),
      );
      await save('confusion-matrix', () =>
        confusionPng(
          t({
            en: `Confusion matrix on the ${images.count.toLocaleString('en-US')} test images`,
            nb: `Forvekslingsmatrise på de ${images.count.toLocaleString('nb-NO')} testbildene`,
          }),
          language,
          images.labels,
          predicted,
        ),
      );
    }
    const history = (await settled(trained))?.history;
    if (history?.loss.length)
      await save('training-loss', () =>
        curvesPng(t({ en: 'Training loss per epoch', nb: 'Treningstap per epoke' }), language, { [t({ en: 'training', nb: 'trening' })]: history.loss }),
      );
  });
}
