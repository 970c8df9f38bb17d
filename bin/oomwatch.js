#!/usr/bin/env node
// The CLI is compiled by `npm ci` (the prepare script) into dist/.
require('../dist/cli/main.js')
  .main(process.argv)
  .catch((error) => {
    console.error(`oomwatch: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
