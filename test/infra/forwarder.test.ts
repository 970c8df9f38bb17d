/**
 * The Fluent Bit manifests parse, and carry what the ingest side relies on: the hub as Kafka
 * topic, the node as message key, `cluster` and `node` fields, journald's field names and the
 * same envelope keys `oomwatch send` uses.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

import { ENVELOPE_KEYS } from '../../shared/send/envelope';
import { INFRA_DIR, readInfraFile } from './bicep-template';

type Yaml = Record<string, unknown>;

const K8S_DIR = join(INFRA_DIR, 'k8s');
const manifestFiles = readdirSync(K8S_DIR).filter((file) => file.endsWith('.yaml'));

function documents(file: string): Yaml[] {
  return parseAllDocuments(readInfraFile(`k8s/${file}`)).map((document) => {
    expect(document.errors).toEqual([]);
    return document.toJS() as Yaml;
  });
}

function byKind(kind: string, name?: string): Yaml {
  const found = manifestFiles
    .flatMap(documents)
    .filter((doc) => doc.kind === kind)
    .find((doc) => name === undefined || (doc.metadata as Yaml).name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name ?? ''} in infra/k8s`);
  return found;
}

/** Reads a dotted path of object keys and array indexes. */
function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Yaml | undefined)?.[key], value);
}

const configMap = byKind('ConfigMap', 'oomwatch-forwarder-config');
const fluentBitText = String((configMap.data as Yaml)['fluent-bit.yaml']);
const fluentBit = parse(fluentBitText) as Yaml;
const pipeline = fluentBit.pipeline as { inputs: Yaml[]; filters: Yaml[]; outputs: Yaml[] };
const daemonSet = byKind('DaemonSet', 'oomwatch-forwarder');
const podSpec = at(daemonSet, 'spec.template.spec') as Yaml;
const container = (podSpec.containers as Yaml[])[0] as Yaml;
const env = container.env as Array<{ name: string; value?: string; valueFrom?: Yaml }>;
const kafka = pipeline.outputs.find((output) => output.name === 'kafka') as Yaml;

/** The hub name main.bicep creates, which is the Kafka topic. */
const hubName = /^ {2}eventHub: '([^']+)'$/m.exec(readInfraFile('main.bicep'))?.[1];

describe('forwarder manifests', () => {
  test.each(manifestFiles)('%s parses as YAML', (file) => {
    expect(documents(file).length).toBeGreaterThan(0);
  });

  test('kustomization applies every manifest except the per-cluster settings example', () => {
    const kustomization = byKind('Kustomization');
    expect([...(kustomization.resources as string[])].sort()).toEqual(
      manifestFiles.filter((f) => !['kustomization.yaml', 'settings.example.yaml'].includes(f)),
    );
  });
});

describe('Kafka output to Event Hubs', () => {
  test('sends to the hub main.bicep creates', () => {
    expect(hubName).toBeDefined();
    expect(kafka.topics).toBe(hubName);
  });

  test('keys each message by node and sends JSON', () => {
    expect(kafka.message_key_field).toBe(ENVELOPE_KEYS.node);
    expect(kafka.format).toBe('json');
    expect(kafka.match).toBe('node.*');
  });

  test('stamps the record time under the key `oomwatch send` uses', () => {
    expect(kafka.timestamp_key).toBe(ENVELOPE_KEYS.time);
    expect(kafka.timestamp_format).toBe('iso8601_ns');
  });

  test('authenticates with SASL PLAIN and the Send-only connection string from a Secret', () => {
    expect(kafka['rdkafka.security.protocol']).toBe('SASL_SSL');
    expect(kafka['rdkafka.sasl.mechanism']).toBe('PLAIN');
    expect(kafka['rdkafka.sasl.username']).toBe('$ConnectionString');
    expect(kafka['rdkafka.sasl.password']).toBe('${EVENTHUB_CONNECTION_STRING}');
    const secret = env.find((e) => e.name === 'EVENTHUB_CONNECTION_STRING');
    expect(at(secret, 'valueFrom.secretKeyRef.name')).toBe('oomwatch-forwarder-eventhubs');
  });

  test('reaches the Kafka endpoint on port 9093', () => {
    expect(kafka.brokers).toBe('${KAFKA_BROKERS}');
    const settings = byKind('ConfigMap', 'oomwatch-forwarder-settings');
    expect(at(settings, 'data.KAFKA_BROKERS')).toMatch(
      /^[a-z0-9-]+\.servicebus\.windows\.net:9093$/,
    );
  });
});

describe('records', () => {
  const modify = pipeline.filters.find((filter) => filter.name === 'modify') as Yaml;
  const allowlist = at(
    pipeline.filters.find((filter) => filter.name === 'record_modifier'),
    'allowlist_key',
  ) as string[];

  test('name the cluster and the node', () => {
    expect(modify.add).toEqual([
      `${ENVELOPE_KEYS.cluster} \${CLUSTER_NAME}`,
      `${ENVELOPE_KEYS.node} \${NODE_NAME}`,
    ]);
  });

  test('take the node from the downward API and the cluster from the settings', () => {
    expect(
      at(
        env.find((e) => e.name === 'NODE_NAME'),
        'valueFrom.fieldRef.fieldPath',
      ),
    ).toBe('spec.nodeName');
    expect(
      at(
        env.find((e) => e.name === 'CLUSTER_NAME'),
        'valueFrom.configMapKeyRef.name',
      ),
    ).toBe('oomwatch-forwarder-settings');
  });

  test('keep the journald fields the ingest side reads', () => {
    for (const field of [
      ENVELOPE_KEYS.message,
      '_TRANSPORT',
      '_SOURCE_MONOTONIC_TIMESTAMP',
      'SYSLOG_IDENTIFIER',
      '_BOOT_ID',
    ]) {
      expect(allowlist).toContain(field);
    }
  });

  test('every ${VARIABLE} in the configuration is set on the container', () => {
    const used = [...fluentBitText.matchAll(/\$\{(\w+)\}/g)];
    for (const [, name] of used) expect(env.map((e) => e.name)).toContain(name);
  });
});

describe('inputs', () => {
  const [kernel, runtime] = pipeline.inputs;

  test('read every kernel message from the journal (Ubuntu and Azure Linux nodes)', () => {
    expect(kernel).toMatchObject({ name: 'systemd', systemd_filter: '_TRANSPORT=kernel' });
  });

  test('read containerd and kubelet lines', () => {
    expect(runtime?.name).toBe('systemd');
    expect(runtime?.systemd_filter).toEqual(
      expect.arrayContaining(['_SYSTEMD_UNIT=containerd.service', '_SYSTEMD_UNIT=kubelet.service']),
    );
    expect(runtime?.systemd_filter_type).toBe('or');
  });

  test('keep their journal cursors on the node', () => {
    const state = (container.volumeMounts as Yaml[]).find((m) => m.name === 'state');
    for (const input of pipeline.inputs) {
      expect(String(input.db)).toMatch(new RegExp(`^${String(state?.mountPath)}/`));
    }
  });

  const grep = pipeline.filters.find((filter) => filter.name === 'grep') as Yaml;
  const pattern = new RegExp(String(grep.regex).replace(/^MESSAGE /, ''));

  test.each([
    'RunPodSandbox for &PodSandboxMetadata{Name:api-7d9,Uid:1f,Namespace:shop,} returns sandbox',
    'CreateContainer within sandbox "ab" for &ContainerMetadata{Name:api,} returns container id',
    'Failed to admit pod api-7d9_shop(1f) - node has conditions: [MemoryPressure]',
    'TaskOOM event container_id:"cd"',
    'TaskExit event in podsandbox handler container_id:"cd"',
    'SyncLoop (PLEG): event for pod" pod="shop/api-7d9" event={"ID":"1f","Type":"ContainerDied"}',
    'cri-containerd-cd.scope: A process of this unit has been killed by the OOM killer.',
    'eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="memory"',
  ])('let through the runtime line %s', (line) => {
    expect(pattern.test(line)).toBe(true);
  });

  test('drop chatty runtime lines oomwatch does not read', () => {
    expect(
      pattern.test(
        'I0501 12:00:00 reconciler.go:357] "operationExecutor.VerifyControllerAttachedVolume"',
      ),
    ).toBe(false);
  });
});

describe('DaemonSet', () => {
  test('runs on every node, whatever its taints', () => {
    expect(podSpec.tolerations).toContainEqual({ operator: 'Exists' });
  });

  test.each(['requests', 'limits'])('sets CPU and memory %s', (kind) => {
    const resources = at(container, `resources.${kind}`) as Yaml;
    expect(Object.keys(resources).sort()).toEqual(['cpu', 'memory']);
  });

  test('pins an official Fluent Bit image', () => {
    expect(container.image).toMatch(/^cr\.fluentbit\.io\/fluent\/fluent-bit:\d+\.\d+\.\d+$/);
  });

  test('mounts the journal read-only and loads the oomwatch configuration', () => {
    const mounts = container.volumeMounts as Yaml[];
    for (const path of ['/var/log', '/run/log', '/etc/machine-id']) {
      expect(mounts).toContainEqual(expect.objectContaining({ mountPath: path, readOnly: true }));
    }
    const configMount = mounts.find((m) => m.name === 'config');
    expect(container.args).toEqual(['-c', `${String(configMount?.mountPath)}/fluent-bit.yaml`]);
  });
});
