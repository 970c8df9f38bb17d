/**
 * What the node forwarder (infra/k8s Fluent Bit, journald input) puts on the wire, through the
 * real ingest handler: one JSON record per journal entry, kernel lines with journald's kernel
 * transport and monotonic time, the node as the Kafka key, containerd naming the pod.
 */
import { handleIngest } from '../../functions/ingest';
import { EventStore } from '../../shared/storage/event-store';
import { getTableClients } from '../../shared/storage/table-client-factory';
import { invocation, uniqueNamespace } from '../support/ingest-fixtures';

const NODE = 'aks-nodepool1-31060421-vmss000002';
const POD_UID = '10d16a28-60ff-475f-a631-510d9792219f';
const CONTAINER = '178ec18073cc6ac7be2de8d9869daf162a6349dd056b6535849112c53ec3102a';
const SANDBOX = 'ab'.repeat(32);
const TASK_MEMCG =
  '/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod10d16a28_60ff_475f_a631_' +
  `510d9792219f.slice/cri-containerd-${CONTAINER}.scope`;

/** A kernel journal entry as the forwarder's record_modifier leaves it. */
function kernelRecord(monotonicSeconds: number, message: string) {
  return {
    time: '2026-11-30T18:49:43.123456789Z',
    cluster: 'fwd',
    node: NODE,
    _TRANSPORT: 'kernel',
    _HOSTNAME: NODE,
    _SOURCE_MONOTONIC_TIMESTAMP: String(Math.round(monotonicSeconds * 1e6)),
    SYSLOG_IDENTIFIER: 'kernel',
    MESSAGE: message,
  };
}

function containerdRecord(message: string) {
  return {
    time: '2026-11-30T18:40:00.000000000Z',
    cluster: 'fwd',
    node: NODE,
    _TRANSPORT: 'stdout',
    _HOSTNAME: NODE,
    SYSLOG_IDENTIFIER: 'containerd',
    MESSAGE: message,
  };
}

describe('forwarder records through the ingest function', () => {
  it('stores the classified, named kill', async () => {
    const cluster = `fwd-${Date.now().toString(36)}`;
    const records = [
      containerdRecord(
        'time="2026-11-30T18:40:00Z" level=info msg="RunPodSandbox for &PodSandboxMetadata' +
          `{Name:stress-7c9,Uid:${POD_UID},Namespace:load,Attempt:0,} returns sandbox id ` +
          `\\"${SANDBOX}\\""`,
      ),
      containerdRecord(
        'time="2026-11-30T18:40:01Z" level=info msg="CreateContainer within sandbox ' +
          `\\"${SANDBOX}\\" for &ContainerMetadata{Name:stress,Attempt:0,} ` +
          `returns container id \\"${CONTAINER}\\""`,
      ),
      kernelRecord(
        8341.856856,
        'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=cri-containerd-' +
          `${CONTAINER}.scope,mems_allowed=0,oom_memcg=/kubepods.slice,task_memcg=${TASK_MEMCG},` +
          'task=stress,pid=68061,uid=0',
      ),
      kernelRecord(
        8341.85687,
        'Memory cgroup out of memory: Killed process 68061 (stress) total-vm:4195088kB, ' +
          'anon-rss:2884696kB, file-rss:288kB, shmem-rss:0kB, UID:0 pgtables:5696kB ' +
          'oom_score_adj:872',
      ),
      kernelRecord(
        8341.868335,
        `Tasks in ${TASK_MEMCG} are going to be killed due to memory.oom.group set`,
      ),
    ].map((record) => ({ ...record, cluster }));

    const metadata = {
      partitionContext: {
        fullyQualifiedNamespace: uniqueNamespace(),
        eventHubName: 'node-logs',
        consumerGroup: 'oomwatch-ingest',
        partitionId: '3',
      },
      sequenceNumberArray: records.map((_, index) => 700 + index),
      enqueuedTimeUtcArray: records.map(() => '2026-11-30T18:49:44.000Z'),
      partitionKeyArray: records.map(() => NODE),
      propertiesArray: records.map(() => ({})),
    };
    // The host hands JSON bodies over already parsed.
    await handleIngest(records, invocation(metadata));
    const later = {
      ...metadata,
      sequenceNumberArray: [800],
      enqueuedTimeUtcArray: ['2026-11-30T18:55:00Z'],
    };
    await handleIngest([kernelRecord(8700, 'eth0: link up')], invocation(later));

    const page = await new EventStore(getTableClients()).listEvents({ cluster, limit: 10 });
    expect(page.events).toHaveLength(1);
    const event = page.events[0];
    expect(event?.node).toBe(NODE);
    expect(event?.kernelTime).toBe(8341.856856);
    expect(event?.scope).toBe('node');
    expect(event?.groupKill).toBe(true);
    expect(event?.pod).toEqual({
      uid: POD_UID,
      qosClass: 'Burstable',
      namespace: 'load',
      name: 'stress-7c9',
    });
    expect(event?.container).toEqual({ id: CONTAINER, runtime: 'containerd', name: 'stress' });
    expect(event?.victim?.anonRssKb).toBe(2884696);
  });
});
