/**
 * Seeded synthetic patients for exercise 00: two standardised blood values each (think sodium and
 * potassium, in standard deviations from the population mean), and a label, 1 ("abnormal") when the
 * patient is far from the normal range in any direction: too high or too low, in either value.
 *
 * Normal patients lie inside a circle around the origin and abnormal ones outside it, so no straight line
 * separates them: a model needs a hidden layer with a non-linearity. A few labels are flipped (a lab's
 * borderline calls), so that no model is perfect. The same seed gives the same patients.
 */
import { createRandom } from '../runtime/seed.ts';

/** Options of {@link generatePatients}. */
export interface PatientOptions {
  /** Number of patients. */
  count: number;
  /** Seed; the same seed gives the same patients. */
  seed: number;
  /** Share of labels flipped at random. @default 0.03 */
  noise?: number;
}

/** Patients as row-major features and labels. */
export interface PatientBatch {
  /** `count` x 2: each patient's two blood values, uniform in [-2, 2]. */
  features: Float32Array;
  /** `count`: 1 abnormal, 0 normal. */
  labels: Uint8Array;
  count: number;
}

/** The radius of the normal range: inside it a patient is normal. Half of the square [-2, 2]^2 lies inside. */
export const NORMAL_RADIUS = Math.sqrt(8 / Math.PI);

export function generatePatients(options: PatientOptions): PatientBatch {
  const random = createRandom(options.seed);
  const noise = options.noise ?? 0.03;
  const features = new Float32Array(options.count * 2);
  const labels = new Uint8Array(options.count);
  for (let i = 0; i < options.count; i++) {
    const a = random() * 4 - 2;
    const b = random() * 4 - 2;
    features[2 * i] = a;
    features[2 * i + 1] = b;
    const abnormal = Math.hypot(a, b) > NORMAL_RADIUS;
    labels[i] = (random() < noise ? !abnormal : abnormal) ? 1 : 0;
  }
  return { features, labels, count: options.count };
}
