// The exercise's driver, bound to this name when stage.ts bundles the child.
declare module 'labgrade-driver' {
  export const driver: import('./driver-api.ts').Driver;
}
