/**
 * The native backends are optional packages: a machine without them still type-checks `backend.ts`, which
 * imports them only for the backend they register (their own declarations are not needed).
 */
declare module '@tensorflow/tfjs-node';
declare module '@tensorflow/tfjs-node-gpu';
