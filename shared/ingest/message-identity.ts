/**
 * Which cluster and node a message comes from. Order (README "Cluster and node identity"):
 * an application property or JSON field (`cluster`, `node`), else the partition key
 * (`cluster/node` or `node`), else the syslog host, else the app-setting default.
 */
import type { DecodeContext } from '../decode/decode-message';

export interface MessageOrigin {
  properties: Record<string, unknown> | null;
  partitionKey: string | null;
}

/** The decode context for one message; JSON fields and syslog hosts are read by the decoder. */
export function identityContext(
  origin: MessageOrigin,
  defaultCluster: string,
  defaultNode: string | null = null,
): DecodeContext {
  const property = (name: string) => {
    const value = origin.properties?.[name];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  const [partitionCluster, partitionNode] = splitPartitionKey(origin.partitionKey);

  return {
    cluster: property('cluster'),
    node: property('node'),
    partitionCluster,
    partitionNode,
    defaultCluster,
    defaultNode,
  };
}

function splitPartitionKey(key: string | null): [string | null, string | null] {
  if (key === null || key === '') return [null, null];
  const slash = key.indexOf('/');
  if (slash < 0) return [null, key];
  return [key.slice(0, slash) || null, key.slice(slash + 1) || null];
}
