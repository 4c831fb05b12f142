/**
 * The shared runtime that exercises, solutions and graders import as `labgrade/runtime`.
 */
export { NotImplementedError, isNotImplemented } from './not-implemented.ts';
export { createRandom, deriveSeed, seedEverything, shuffledIndices, unseed } from './seed.ts';
export { BACKEND_CHOICES, BackendUnavailableError, parseBackendChoice, selectBackend } from './backend.ts';
export type { BackendChoice, BackendInfo, BackendName } from './backend.ts';
export { FitDataError, fit, oneHot } from './train.ts';
export type { EarlyStoppingOptions, EpochLogs, FitData, FitHistory, FitOptions } from './train.ts';
