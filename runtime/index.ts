/**
 * The shared runtime that exercises, solutions and graders import as `labgrade/runtime`.
 */
export { NotImplementedError, isNotImplemented } from './not-implemented.ts';
export { decimalComma, say, studentLanguage } from './language.ts';
export type { Bilingual, Language, Localized } from './language.ts';
export { createRandom, deriveSeed, seedEverything, shuffledIndices, unseed } from './seed.ts';
export { BACKEND_CHOICES, BackendUnavailableError, parseBackendChoice, selectBackend } from './backend.ts';
export type { BackendChoice, BackendInfo, BackendName, BackendProblem } from './backend.ts';
export { FitDataError, fit, oneHot } from './train.ts';
export { ProgressBar, observeProgress, reportModelFitProgress } from './progress.ts';
export type { TrainingProgress } from './progress.ts';
export type { EarlyStoppingOptions, EpochLogs, FitData, FitHistory, FitOptions } from './train.ts';
// The forest only: its impurity and split functions are what exercise 02 asks students to write.
export { RandomForestClassifier, RandomForestError } from './random-forest.ts';
export type { FeatureMatrix, RandomForestOptions } from './random-forest.ts';
