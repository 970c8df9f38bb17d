/**
 * Event ids come from what the event is, so every replay and every batch split gives the same
 * id: cluster, node, the printk time (or wall time) of the report's first key line, its text,
 * and the victim's pid.
 */
import { createHash } from 'node:crypto';

export function eventId(parts: (string | number | null)[]): string {
  return createHash('sha256')
    .update(parts.map((part) => String(part ?? '')).join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
