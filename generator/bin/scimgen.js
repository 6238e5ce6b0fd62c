#!/usr/bin/env node
// Thin launcher so npm can link the bin before the TypeScript build has run.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
