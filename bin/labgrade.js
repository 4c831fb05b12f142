#!/usr/bin/env node
// The labgrade CLI. The engine is TypeScript, run through tsx's loader so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../graders/src/cli/main.ts');
