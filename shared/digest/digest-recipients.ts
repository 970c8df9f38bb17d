/** The OOMWATCH_DIGEST_RECIPIENTS setting: a JSON object of cluster → e-mail addresses. */
import { APP_SETTINGS, readAppSetting } from '../config/app-settings';

/** Recipients per cluster. */
export type DigestRecipients = Readonly<Record<string, readonly string[]>>;

/** Thrown for a setting that is not a JSON object of string arrays. */
export class InvalidDigestRecipientsError extends Error {
  constructor(detail: string) {
    super(
      `${APP_SETTINGS.digestRecipients} must be a JSON object of cluster → list of addresses, ` +
        `e.g. {"prod-weu":["sre@example.com"]}: ${detail}`,
    );
    this.name = 'InvalidDigestRecipientsError';
  }
}

/** Parses the setting's value; empty or unset means no digests. */
export function parseDigestRecipients(json: string | undefined): DigestRecipients {
  if (json === undefined || json.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new InvalidDigestRecipientsError('not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidDigestRecipientsError('not an object');
  }
  const problems: string[] = [];
  const recipients: Record<string, string[]> = {};
  for (const [cluster, list] of Object.entries(value)) {
    const addresses = Array.isArray(list) ? (list as unknown[]) : [list];
    const bad = addresses.filter((a) => typeof a !== 'string' || !a.includes('@'));
    if (bad.length > 0) problems.push(`${cluster}: ${JSON.stringify(bad)}`);
    else recipients[cluster] = [...new Set(addresses as string[])];
  }
  if (problems.length > 0) {
    throw new InvalidDigestRecipientsError(`not addresses: ${problems.join('; ')}`);
  }
  return recipients;
}

/** Reads and parses the setting. */
export function digestRecipientsFromSettings(
  env: NodeJS.ProcessEnv = process.env,
): DigestRecipients {
  return parseDigestRecipients(readAppSetting('digestRecipients', env));
}
