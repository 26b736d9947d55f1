#!/usr/bin/env node
// The installed `dltb` command. Scripts are TypeScript, so the TypeScript
// loader (tsx) is registered for them; the CLI itself runs from the sources
// in a checkout of the repository, from the compiled dist/ in an installed package.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const source = new URL('../src/cli.ts', import.meta.url);
await import(existsSync(source) ? source.href : new URL('../dist/cli.js', import.meta.url).href);
