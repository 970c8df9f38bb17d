/** Runtime lines name the pod and container of later kills; they never count as kills. */
import type { MemoryPressureRecord, OomKillEvent } from '../../shared/model/event';
import { emptyNameBook, learnNames, lookUpNames } from '../../shared/names/name-book';
import { parseLogText } from '../../shared/parse-text';
import { eventId } from '../../shared/report/event-id';
import { CONTEXT, killsOf } from '../support/samples';
import { CID, CONTAINER_SCOPE, memcgReport, SID, UID } from '../support/kernel-logs';

const SANDBOX =
  'Jun 24 18:40:00 n1 containerd[812]: time="2025-06-24T18:40:00Z" level=info ' +
  'msg="RunPodSandbox for &PodSandboxMetadata' +
  `{Name:web-7d9f,Uid:${UID},Namespace:shop,Attempt:0,} returns sandbox id \\"${SID}\\""`;
const CREATE =
  'Jun 24 18:40:01 n1 containerd[812]: level=info msg="CreateContainer within sandbox ' +
  `\\"${SID}\\" for &ContainerMetadata{Name:app,Attempt:0,} returns container id \\"${CID}\\""`;

function report(clock: string, extra: string[] = []): string {
  const lines = memcgReport({
    pid: 68061,
    name: 'stress',
    oomMemcg: CONTAINER_SCOPE,
    taskMemcg: CONTAINER_SCOPE,
  }).map((message) => `Jun 24 ${clock} n1 kernel: ${message}`);
  return [SANDBOX, CREATE, ...lines, ...extra].join('\n');
}

function parse(text: string) {
  return parseLogText(text, CONTEXT);
}

describe('naming from runtime lines', () => {
  it('fills in pod namespace and name and the container name', () => {
    const [event] = killsOf(parse(report('18:49:43')).records);
    expect(event?.pod).toEqual({
      uid: UID,
      qosClass: 'Burstable',
      namespace: 'shop',
      name: 'web-7d9f',
    });
    expect(event?.container).toEqual({ id: CID, runtime: 'containerd', name: 'app' });
    expect(event?.recommendation.startsWith('Container app hit its own memory limit')).toBe(true);
  });

  it('returns the name facts learned', () => {
    expect(parse(report('18:49:43')).names).toEqual([
      {
        podUid: UID,
        namespace: 'shop',
        pod: 'web-7d9f',
        containerId: null,
        container: null,
        cluster: null,
      },
      {
        podUid: UID,
        namespace: 'shop',
        pod: 'web-7d9f',
        containerId: CID,
        container: 'app',
        cluster: null,
      },
    ]);
  });

  it('attaches TaskOOM and systemd OOM lines as corroboration', () => {
    const containerd = 'Jun 24 18:49:44 n1 containerd[812]: ';
    const systemd = 'Jun 24 18:49:44 n1 systemd[1]: ';
    const taskOom = `${containerd}msg="TaskOOM event container_id:\\"${CID}\\""`;
    const older =
      `${containerd}msg="TaskOOM event &TaskOOM{ContainerID:${CID},` + 'XXX_unrecognized:[],}"';
    const unitOom =
      `${systemd}cri-containerd-${CID}.scope: ` +
      'A process of this unit has been killed by the OOM killer.';
    const [event] = killsOf(parse(report('18:49:43', [taskOom, older, unitOom])).records);
    expect(event?.corroboration).toEqual([
      `msg="TaskOOM event container_id:\\"${CID}\\""`,
      `msg="TaskOOM event &TaskOOM{ContainerID:${CID},XXX_unrecognized:[],}"`,
      `cri-containerd-${CID}.scope: A process of this unit has been killed by the OOM killer.`,
    ]);
  });

  it('takes a systemd scope stop as the container exiting (not a silent child kill)', () => {
    const stop =
      `Jun 24 18:49:44 n1 systemd[1]: cri-containerd-${CID}.scope: ` + 'Deactivated successfully.';
    const [event] = killsOf(parse(report('18:49:43', [stop])).records);
    expect(event).toMatchObject({
      childKillSuspected: false,
      childKillEvidence: ['the container exited after the kill'],
    });
  });

  it('makes kubelet eviction lines memory-pressure records, never oom-kills', () => {
    const line =
      'Jun 24 18:50:00 n1 kubelet[900]: I0624 18:50:00.000 900 eviction_manager.go:346] ' +
      '"Eviction manager: attempting to reclaim" resourceName="memory"';
    const { records } = parse(line);
    const message =
      'I0624 18:50:00.000 900 eviction_manager.go:346] ' +
      '"Eviction manager: attempting to reclaim" resourceName="memory"';
    const expected: MemoryPressureRecord = {
      kind: 'memory-pressure',
      id: eventId([null, 'n1', '2025-06-24T18:50:00.000Z', message]),
      cluster: null,
      node: 'n1',
      time: '2025-06-24T18:50:00.000Z',
      reason: 'reclaim',
      message,
      pod: null,
    };
    expect(records).toEqual([expected]);
    expect(killsOf(parse(`${line}\n${line}`).records)).toEqual([] as OomKillEvent[]);
  });
});

describe('the name book', () => {
  it('looks names up by container id or pod UID', () => {
    const book = emptyNameBook();
    learnNames(book, { kind: 'sandbox', sandboxId: SID, podUid: UID, namespace: 'ns', pod: 'p' });
    learnNames(book, {
      kind: 'container',
      containerId: CID,
      sandboxId: SID,
      container: 'c',
      namespace: null,
      pod: null,
      podUid: null,
    });
    expect(lookUpNames(book, null, CID)).toEqual({ namespace: 'ns', pod: 'p', container: 'c' });
    expect(lookUpNames(book, UID, null)).toEqual({ namespace: 'ns', pod: 'p', container: null });
    expect(lookUpNames(book, null, null)).toEqual({ namespace: null, pod: null, container: null });
  });
});

describe('learning only what is new', () => {
  it('reports a naming line once, and again only when the names change', () => {
    const text = [SANDBOX, CREATE, SANDBOX, CREATE].join('\n');
    const first = parse(text).names;
    expect(first.map((fact) => [fact.podUid, fact.pod, fact.containerId, fact.container])).toEqual([
      [UID, 'web-7d9f', null, null],
      [UID, 'web-7d9f', CID, 'app'],
    ]);

    const renamed = CREATE.replace('Name:app,', 'Name:app2,');
    const again = parse([SANDBOX, CREATE, renamed].join('\n')).names;
    expect(again.map((fact) => fact.container)).toEqual([null, 'app', 'app2']);
  });

  it('returns nothing for a repeated sandbox line on a book that knows it', () => {
    const book = emptyNameBook();
    const line = {
      kind: 'sandbox' as const,
      sandboxId: SID,
      podUid: UID,
      namespace: 'shop',
      pod: 'web-7d9f',
    };
    expect(learnNames(book, line)).not.toBeNull();
    expect(learnNames(book, line)).toBeNull();
    expect(learnNames(book, { ...line, pod: 'web-8x' })?.pod).toBe('web-8x');
  });
});
