/**
 * The `oomdigests` table: one row per (cluster, day) recording that a digest was claimed for
 * sending and whether the send went through. PK cluster, RK day.
 *
 * Delivery is **at most once**. A sender claims the row with a create (the service lets one
 * create win; the others get 409 and skip), sends, then marks the row `sent`. A send that
 * fails with an error marks the row `failed`, and a later run (the timer's retry) may claim
 * it again with an ETag-conditional update, so one retry wins. A run that dies between claim
 * and mark leaves the row `claimed`, and no later run takes it over: the mail may or may not
 * have gone out, and a possibly lost digest is preferred to a duplicate. Deleting the row
 * lets the next run send it.
 */
import { TableClient } from '@azure/data-tables';

import { compoundKey } from '../storage/keys';
import { statusOf } from '../storage/table-client-factory';
import { getEntityOrNull } from '../storage/table-reads';

/** States of a digest row. */
export type DigestStatus = 'claimed' | 'sent' | 'failed';

/** What a claim attempt found. */
export type ClaimOutcome =
  { claimed: true; attempt: number } | { claimed: false; status: DigestStatus };

/** The keys of a digest row. */
export function digestKeys(cluster: string, day: string): { partitionKey: string; rowKey: string } {
  return { partitionKey: compoundKey(cluster), rowKey: day };
}

/** Claims the digest of (cluster, day) for this run, or says who has it. */
export async function claimDigest(
  client: TableClient,
  cluster: string,
  day: string,
  now: Date,
): Promise<ClaimOutcome> {
  const keys = digestKeys(cluster, day);
  const fields = { cluster, day, status: 'claimed', claimedAt: now.toISOString() };
  try {
    await client.createEntity({ ...keys, ...fields, attempts: 1 });
    return { claimed: true, attempt: 1 };
  } catch (error) {
    if (statusOf(error) !== 409) throw error;
  }

  const row = await getEntityOrNull(client, keys.partitionKey, keys.rowKey);
  // Deleted between our create and read: leave it to the next run rather than race again.
  if (row === null) return { claimed: false, status: 'claimed' };
  const status = String(row.status) as DigestStatus;
  if (status !== 'failed') return { claimed: false, status };

  const attempt = Number(row.attempts ?? 1) + 1;
  try {
    await client.updateEntity({ ...keys, ...fields, attempts: attempt }, 'Merge', {
      etag: row.etag,
    });
    return { claimed: true, attempt };
  } catch (error) {
    // 412: another run re-claimed the failed digest first.
    if (statusOf(error) !== 412) throw error;
    return { claimed: false, status: 'claimed' };
  }
}

/** Marks a claimed digest sent. */
export async function markDigestSent(
  client: TableClient,
  cluster: string,
  day: string,
  details: { now: Date; sender: string; recipients: number; subject: string },
): Promise<void> {
  await client.updateEntity(
    {
      ...digestKeys(cluster, day),
      status: 'sent',
      sentAt: details.now.toISOString(),
      sender: details.sender,
      recipients: details.recipients,
      subject: details.subject.slice(0, 1000),
    },
    'Merge',
  );
}

/** Marks a claimed digest failed, so a later run may claim it again. */
export async function markDigestFailed(
  client: TableClient,
  cluster: string,
  day: string,
  now: Date,
  error: unknown,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await client.updateEntity(
    {
      ...digestKeys(cluster, day),
      status: 'failed',
      failedAt: now.toISOString(),
      error: message.slice(0, 2000),
    },
    'Merge',
  );
}

/** The status of a digest, or null when none was claimed. */
export async function digestStatus(
  client: TableClient,
  cluster: string,
  day: string,
): Promise<DigestStatus | null> {
  const keys = digestKeys(cluster, day);
  const row = await getEntityOrNull(client, keys.partitionKey, keys.rowKey);
  return row === null ? null : (String(row.status) as DigestStatus);
}
