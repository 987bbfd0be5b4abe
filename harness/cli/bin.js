#!/usr/bin/env node
// Entry point of `sockgrade`: sockgrade is written in TypeScript and run through tsx, no build step.
import { register } from 'tsx/esm/api';

// `sockgrade … | head` closes our stdout early; that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
