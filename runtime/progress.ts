/**
 * Training progress: what a training loop reports after each batch and epoch, and a progress bar that shows
 * it (a bar redrawn in place in a terminal; one line per epoch in a log, such as CI's).
 *
 * Reports go to one observer kept on `globalThis`, so that every copy of this module (the student's bundle
 * and the grader's each have one) reaches the same observer. Both `fit` from 'labgrade/runtime' and, once
 * `reportModelFitProgress(tf)` has run, TensorFlow.js's own `model.fit` report here.
 */
import { studentLanguage, type Language } from './language.ts';
import type * as tfType from '@tensorflow/tfjs';

export interface TrainingProgress {
  /** 0-based epoch. */
  epoch: number;
  epochs: number;
  /** Batches done in this epoch, and how many it has (0 when unknown). */
  batch: number;
  batches: number;
  /** Mean training loss (and accuracy, when the model measures it) so far in this epoch. */
  loss?: number;
  acc?: number;
  /** True on the report that ends an epoch. */
  epochDone: boolean;
}

type Observer = (progress: TrainingProgress) => void;
const KEY = Symbol.for('labgrade.training-progress');
const slot = globalThis as unknown as Record<symbol, Observer | undefined>;

/** Sets (or, with undefined, removes) the observer of training progress. */
export function observeProgress(observer: Observer | undefined): void {
  slot[KEY] = observer;
}

/** Reports progress to the observer, if there is one; an observer's failure never stops training. */
export function reportProgress(progress: TrainingProgress): void {
  const observer = slot[KEY];
  if (typeof observer !== 'function') return;
  try {
    observer(progress);
  } catch {
    // Progress is for display only.
  }
}

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A log value that may still be a scalar tensor, read without disposing it. */
function logValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v && typeof (v as tfType.Scalar).dataSync === 'function') return (v as tfType.Scalar).dataSync()[0];
  return undefined;
}

/**
 * Makes every `model.fit` report its progress here, through a callback TensorFlow.js adds to each fit with
 * the default verbosity. Batch losses are read at most every `everyMs` (reading one waits for the batch).
 */
export function reportModelFitProgress(tf: typeof tfType, everyMs = 250): void {
  class FitProgress extends tf.Callback {
    #epoch = 0;
    #last = 0;
    #epochs(): number {
      return Number((this.params as { epochs?: number }).epochs ?? 1);
    }
    #batches(): number {
      const p = this.params as { samples?: number; batchSize?: number; steps?: number };
      if (p.steps) return Number(p.steps);
      return p.samples && p.batchSize ? Math.ceil(Number(p.samples) / Number(p.batchSize)) : 0;
    }
    override async onEpochBegin(epoch: number): Promise<void> {
      this.#epoch = epoch;
    }
    override async onBatchEnd(batch: number, logs?: tfType.Logs): Promise<void> {
      const now = performance.now();
      if (now - this.#last < everyMs) return;
      this.#last = now;
      const loss = finite(logValue(logs?.['loss']));
      const acc = finite(logValue(logs?.['acc'] ?? logs?.['accuracy']));
      reportProgress({
        epoch: this.#epoch,
        epochs: this.#epochs(),
        batch: batch + 1,
        batches: this.#batches(),
        ...(loss !== undefined ? { loss } : {}),
        ...(acc !== undefined ? { acc } : {}),
        epochDone: false,
      });
    }
    override async onEpochEnd(epoch: number, logs?: tfType.Logs): Promise<void> {
      const loss = finite(logValue(logs?.['loss']));
      const acc = finite(logValue(logs?.['acc'] ?? logs?.['accuracy']));
      const batches = this.#batches();
      reportProgress({
        epoch,
        epochs: this.#epochs(),
        batch: batches,
        batches,
        ...(loss !== undefined ? { loss } : {}),
        ...(acc !== undefined ? { acc } : {}),
        epochDone: true,
      });
    }
  }
  tf.registerCallbackConstructor(1, FitProgress as unknown as Parameters<typeof tf.registerCallbackConstructor>[1]);
}

const BAR_WIDTH = 20;
/** A finished epoch's line is kept when at least this long has passed since the last kept one. */
const KEEP_EVERY_MS = 1000;

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Shows training progress. `live`: one line redrawn in place (a terminal), with a bar, the running loss and
 * accuracy and the time left; otherwise one line per finished epoch (a log). Epochs shorter than a second
 * keep at most one line a second, and the last epoch's line.
 */
/** The bar's words, per language. */
const WORDS: Record<Language, { train: string; epoch: string; loss: string; acc: string; left: string; batches: string }> = {
  en: { train: 'train', epoch: 'epoch', loss: 'loss', acc: 'acc', left: 'left', batches: 'batches' },
  nb: { train: 'trening', epoch: 'epoke', loss: 'tap', acc: 'nøyaktighet', left: 'igjen', batches: 'batcher' },
};

export class ProgressBar {
  #epochStarted = -1;
  #epochIndex = -1;
  #epochSeconds: number[] = [];
  #lastDraw = 0;
  #lastKept = Number.NEGATIVE_INFINITY;
  #drawn = false;
  private readonly label: string;

  /**
   * `label` starts each line (default: "train" in the bar's language); `language` defaults to the student's
   * (LABGRADE_LANG).
   */
  constructor(
    private readonly write: (text: string) => void,
    private readonly live: boolean,
    label?: string,
    private readonly now: () => number = () => performance.now(),
    private readonly language: Language = studentLanguage(),
  ) {
    this.label = label ?? WORDS[language].train;
  }

  update(p: TrainingProgress): void {
    const t = this.now();
    if (p.epoch !== this.#epochIndex) {
      this.#epochIndex = p.epoch;
      this.#epochStarted = t;
    }
    const elapsed = (t - this.#epochStarted) / 1000;
    const words = WORDS[this.language];
    const metrics = `${p.loss !== undefined ? `  ${words.loss} ${p.loss.toFixed(4)}` : ''}${p.acc !== undefined ? `  ${words.acc} ${p.acc.toFixed(3)}` : ''}`;
    const epochText = `${words.epoch} ${p.epoch + 1}/${p.epochs}`;
    if (p.epochDone) {
      this.#epochSeconds.push(elapsed);
      const line = `${this.label}  ${epochText}  ${p.batches ? `${p.batches}/${p.batches}  ` : ''}${metrics.trimStart()}  ${elapsed.toFixed(1)} s`;
      // Epochs of a second or more each keep their line; quicker ones (a small table trained for 100 epochs)
      // keep one line a second, and the last epoch always.
      const keep = p.epoch + 1 === p.epochs || t - this.#lastKept >= KEEP_EVERY_MS;
      if (keep) {
        this.#lastKept = t;
        this.write(this.live ? `\r\x1b[2K${line}\n` : `${line}\n`);
        this.#drawn = false;
      } else if (this.live) {
        this.write(`\r\x1b[2K${line}`);
        this.#drawn = true;
      }
      return;
    }
    if (!this.live || t - this.#lastDraw < 100) return;
    this.#lastDraw = t;
    const fraction = p.batches ? Math.min(1, p.batch / p.batches) : 0;
    const filled = Math.round(fraction * BAR_WIDTH);
    const perEpoch = fraction > 0 ? elapsed / fraction : (this.#epochSeconds.at(-1) ?? 0);
    const left = perEpoch * (1 - fraction) + perEpoch * (p.epochs - p.epoch - 1);
    const bar = p.batches ? `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${p.batch}/${p.batches}` : `${p.batch} ${words.batches}`;
    this.write(`\r\x1b[2K${this.label}  ${epochText}  ${bar}${metrics}${fraction > 0 ? `  ~${clock(left)} ${words.left}` : ''}`);
    this.#drawn = true;
  }

  /** Ends a line left open by a live bar (when training stops in the middle of an epoch). */
  finish(): void {
    if (this.#drawn) this.write('\n');
    this.#drawn = false;
  }
}
