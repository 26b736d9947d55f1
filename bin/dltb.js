#!/usr/bin/env node
// The installed `dltb` command: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
