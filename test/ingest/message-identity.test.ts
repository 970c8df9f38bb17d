/** The order in which a message's cluster and node are found (README "Cluster and node"). */
import { decodeMessage } from '../../shared/decode/decode-message';
import { identityContext } from '../../shared/ingest/message-identity';

const SYSLOG = 'Jun 24 18:49:43 host-from-syslog kernel: [ 1.0] hello';

function origin(properties: Record<string, unknown> | null, partitionKey: string | null) {
  const context = identityContext({ properties, partitionKey }, 'default-cluster', 'default-node');
  return (body: unknown) => {
    const [record] = decodeMessage(body, context).records;
    return [record?.cluster, record?.node];
  };
}

describe('message identity', () => {
  it('takes application properties first', () => {
    const read = origin({ cluster: 'prop-c', node: 'prop-n' }, 'key-c/key-n');
    expect(read(JSON.stringify({ cluster: 'json-c', node: 'json-n', log: SYSLOG }))).toEqual([
      'prop-c',
      'prop-n',
    ]);
  });

  it('takes JSON fields before the partition key', () => {
    const read = origin({}, 'key-c/key-n');
    expect(read(JSON.stringify({ cluster: 'json-c', node: 'json-n', log: SYSLOG }))).toEqual([
      'json-c',
      'json-n',
    ]);
  });

  it('takes the partition key (cluster/node or node) before the syslog host', () => {
    expect(origin(null, 'key-c/key-n')(SYSLOG)).toEqual(['key-c', 'key-n']);
    expect(origin(null, 'key-n')(SYSLOG)).toEqual(['default-cluster', 'key-n']);
  });

  it('takes the syslog host, then the defaults', () => {
    expect(origin(null, null)(SYSLOG)).toEqual(['default-cluster', 'host-from-syslog']);
    expect(origin(null, null)('[ 1.0] bare dmesg')).toEqual(['default-cluster', 'default-node']);
  });

  it('ignores empty and non-text properties', () => {
    expect(origin({ cluster: '', node: 42 }, null)(SYSLOG)).toEqual([
      'default-cluster',
      'host-from-syslog',
    ]);
  });
});
