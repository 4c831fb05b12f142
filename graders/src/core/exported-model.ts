/**
 * A TF.js layers model as it leaves the child: plain data, nothing to run. The driver writes it
 * (layers-driver.ts); the grader validates it and rebuilds the model from TF.js's standard layers
 * (model-rebuild.ts). Nothing in it is trusted until the grader has checked it.
 */

/** One weight array in `weightData`, in order. */
export interface ExportedWeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

export interface ExportedModel {
  /** The Layers topology, as `model.toJSON()` writes it (`{ class_name, config }`). */
  topology: unknown;
  weightSpecs: ExportedWeightSpec[];
  /** Every weight's values, one after another, in `weightSpecs` order. */
  weightData: ArrayBuffer;
}
