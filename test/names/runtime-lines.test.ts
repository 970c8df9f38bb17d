/** containerd, CRI-O, kubelet and systemd lines read beside the kernel report. */
import { matchRuntimeLine } from '../../shared/names/runtime-lines';
import { CID, SID, UID } from '../support/kernel-logs';

describe('matchRuntimeLine', () => {
  it('reads containerd RunPodSandbox', () => {
    const line =
      'time="2025-06-24T18:40:00Z" level=info msg="RunPodSandbox for &PodSandboxMetadata' +
      `{Name:web-7d9f,Uid:${UID},Namespace:shop,Attempt:0,} returns sandbox id \\"${SID}\\""`;
    expect(matchRuntimeLine(line)).toEqual({
      kind: 'sandbox',
      sandboxId: SID,
      podUid: UID,
      namespace: 'shop',
      pod: 'web-7d9f',
    });
  });

  it('reads containerd CreateContainer', () => {
    const line =
      `level=info msg="CreateContainer within sandbox \\"${SID}\\" for &ContainerMetadata` +
      `{Name:app,Attempt:0,} returns container id \\"${CID}\\""`;
    expect(matchRuntimeLine(line)).toEqual({
      kind: 'container',
      containerId: CID,
      sandboxId: SID,
      container: 'app',
      namespace: null,
      pod: null,
      podUid: null,
    });
  });

  it('reads CRI-O created-container lines', () => {
    expect(matchRuntimeLine(`Created container ${CID}: shop/web-7d9f/app" id=x`)).toEqual({
      kind: 'container',
      containerId: CID,
      namespace: 'shop',
      pod: 'web-7d9f',
      container: 'app',
      sandboxId: null,
      podUid: null,
    });
  });

  it('reads TaskOOM in both containerd formats', () => {
    expect(matchRuntimeLine(`msg="TaskOOM event container_id:\\"${CID}\\""`)).toEqual({
      kind: 'task-oom',
      containerId: CID,
    });
    const older = `msg="TaskOOM event &TaskOOM{ContainerID:${CID},XXX_unrecognized:[],}"`;
    expect(matchRuntimeLine(older)).toEqual({ kind: 'task-oom', containerId: CID });
  });

  it('reads systemd OOM and scope-stop lines', () => {
    const unit = `cri-containerd-${CID}.scope`;
    expect(
      matchRuntimeLine(`${unit}: A process of this unit has been killed by the OOM killer.`),
    ).toEqual({ kind: 'unit-oom', unit, containerId: CID });
    expect(matchRuntimeLine(`${unit}: Deactivated successfully.`)).toEqual({
      kind: 'container-exit',
      containerId: CID,
    });
    expect(matchRuntimeLine(`${unit}: Succeeded.`)).toEqual({
      kind: 'container-exit',
      containerId: CID,
    });
  });

  it('reads kubelet eviction and admission lines as memory pressure', () => {
    expect(
      matchRuntimeLine(
        'I0119 12:00:01.0 900 eviction_manager.go:346] "Eviction manager: attempting to reclaim" ' +
          'resourceName="memory"',
      ),
    ).toEqual({ kind: 'pressure', reason: 'reclaim', pod: null });
    expect(
      matchRuntimeLine(
        `Failed to admit pod web-1_shop(${UID}) - node has conditions: [MemoryPressure]`,
      ),
    ).toEqual({
      kind: 'pressure',
      reason: 'admission-refused',
      pod: { name: 'web-1', namespace: 'shop', uid: UID },
    });
  });

  it('ignores other lines', () => {
    expect(matchRuntimeLine('Started Session 5 of user root.')).toBeNull();
    expect(matchRuntimeLine('eviction manager: disk pressure')).toBeNull();
  });
});
