/**
 * `oomwatch digest --cluster C [--date YYYY-MM-DD] [--out file.html]`: renders the digest
 * e-mail of a day without sending it: the HTML to `--out`, else the text version to stdout.
 */
import { writeFile } from 'node:fs/promises';

import type { Command } from 'commander';

import { readAppSetting } from '../../shared/config/app-settings';
import { DEFAULT_PUBLIC_BASE_URL, renderDigest } from '../../shared/digest/render-digest';
import { loadSummary } from './summary';

interface DigestOptions {
  cluster: string;
  date?: string;
  out?: string;
}

/** Adds the `digest` command to the CLI. */
export function registerDigestCommand(program: Command): void {
  program
    .command('digest')
    .description("render a cluster's digest e-mail for a UTC day (nothing is sent)")
    .requiredOption('--cluster <name>', 'cluster of the digest')
    .option('--date <YYYY-MM-DD>', 'UTC day (default: today, computed live)')
    .option('--out <file.html>', 'write the HTML there instead of printing the text version')
    .action(async (options: DigestOptions) => {
      const summary = await loadSummary(options);
      const baseUrl = readAppSetting('publicBaseUrl') ?? DEFAULT_PUBLIC_BASE_URL;
      const digest = renderDigest(summary, baseUrl);
      if (options.out === undefined) {
        process.stdout.write(`Subject: ${digest.subject}\n\n${digest.text}`);
        return;
      }
      await writeFile(options.out, digest.html, 'utf8');
      process.stdout.write(`wrote ${options.out}: ${digest.subject}\n`);
    });
}
