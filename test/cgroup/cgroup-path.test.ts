/** Cgroup paths of every driver, QoS class, UID form, nesting and runtime leaf. */
import { parseCgroupPath, type CgroupInfo } from '../../shared/cgroup/cgroup-path';

const CID = '2e088fe462e25e60be1dafafe2c05c47bda1a97978648d10ad2b7484fc0b8f50';
const UID = '10d16a28-60ff-475f-a631-510d9792219f';
const UID_ = '10d16a28_60ff_475f_a631_510d9792219f';
const STATIC_UID = '6a8f7c5d1e2b3a4c5d6e7f8091a2b3c4';
const BURSTABLE_SLICE = '/kubepods.slice/kubepods-burstable.slice';
const BESTEFFORT_SLICE = '/kubepods.slice/kubepods-besteffort.slice';
const KIND_ROOT = '/kubelet.slice/kubelet-kubepods.slice';

function info(partial: Partial<CgroupInfo>): CgroupInfo {
  return {
    kind: 'kube',
    level: 'container',
    qosClass: null,
    podUid: null,
    containerId: null,
    runtime: null,
    conmon: false,
    ...partial,
  };
}

describe('Kubernetes paths', () => {
  it.each<[string, string, Partial<CgroupInfo>]>([
    [
      'cgroupfs Burstable, bare 64-hex leaf',
      `/kubepods/burstable/pod${UID}/${CID}`,
      { qosClass: 'Burstable', podUid: UID, containerId: CID },
    ],
    [
      'cgroupfs BestEffort',
      `/kubepods/besteffort/pod${UID}/${CID}`,
      { qosClass: 'BestEffort', podUid: UID, containerId: CID },
    ],
    [
      'cgroupfs Guaranteed (no QoS segment)',
      `/kubepods/pod${UID}/${CID}`,
      { qosClass: 'Guaranteed', podUid: UID, containerId: CID },
    ],
    [
      'cgroupfs CRI-O leaf',
      `/kubepods/burstable/pod${UID}/crio-${CID}`,
      { qosClass: 'Burstable', podUid: UID, containerId: CID, runtime: 'cri-o' },
    ],
    [
      'systemd Burstable containerd',
      `${BURSTABLE_SLICE}/kubepods-burstable-pod${UID_}.slice/cri-containerd-${CID}.scope`,
      { qosClass: 'Burstable', podUid: UID, containerId: CID, runtime: 'containerd' },
    ],
    [
      'systemd BestEffort CRI-O',
      `${BESTEFFORT_SLICE}/kubepods-besteffort-pod${UID_}.slice/crio-${CID}.scope`,
      { qosClass: 'BestEffort', podUid: UID, containerId: CID, runtime: 'cri-o' },
    ],
    [
      'systemd Guaranteed CRI-O conmon',
      `/kubepods.slice/kubepods-pod${UID_}.slice/crio-conmon-${CID}.scope`,
      { qosClass: 'Guaranteed', podUid: UID, containerId: CID, runtime: 'cri-o', conmon: true },
    ],
    [
      'systemd Guaranteed Docker (cri-dockerd)',
      `/kubepods.slice/kubepods-pod${UID_}.slice/docker-${CID}.scope`,
      { qosClass: 'Guaranteed', podUid: UID, containerId: CID, runtime: 'docker' },
    ],
    [
      'cgroupfs static pod (32-hex UID)',
      `/kubepods/burstable/pod${STATIC_UID}/${CID}`,
      { qosClass: 'Burstable', podUid: STATIC_UID, containerId: CID },
    ],
    [
      'systemd static pod',
      `/kubepods.slice/kubepods-pod${STATIC_UID}.slice/cri-containerd-${CID}.scope`,
      { qosClass: 'Guaranteed', podUid: STATIC_UID, containerId: CID, runtime: 'containerd' },
    ],
    [
      "kind's nested /kubelet.slice root",
      `${KIND_ROOT}/kubelet-kubepods-besteffort.slice/` +
        `kubelet-kubepods-besteffort-pod${UID_}.slice/` +
        `cri-containerd-${CID}.scope`,
      { qosClass: 'BestEffort', podUid: UID, containerId: CID, runtime: 'containerd' },
    ],
  ])('%s', (_name, path, expected) => {
    expect(parseCgroupPath(path)).toEqual(info(expected));
  });

  it('reads a pod-level path (UID with dashes or underscores)', () => {
    expect(parseCgroupPath(`/kubepods/burstable/pod${UID}`)).toEqual(
      info({ level: 'pod', qosClass: 'Burstable', podUid: UID }),
    );
    expect(parseCgroupPath(`/kubepods.slice/kubepods-pod${UID_}.slice`)).toEqual(
      info({ level: 'pod', qosClass: 'Guaranteed', podUid: UID }),
    );
  });

  it('reads the QoS level and the kubepods root', () => {
    expect(parseCgroupPath('/kubepods.slice/kubepods-burstable.slice')).toEqual(
      info({ level: 'qos', qosClass: 'Burstable' }),
    );
    expect(parseCgroupPath('/kubepods/besteffort')).toEqual(
      info({ level: 'qos', qosClass: 'BestEffort' }),
    );
    expect(parseCgroupPath('/kubepods.slice')).toEqual(info({ level: 'kubepods' }));
    expect(parseCgroupPath('/kubelet.slice/kubelet-kubepods.slice')).toEqual(
      info({ level: 'kubepods' }),
    );
  });
});

describe('paths outside Kubernetes', () => {
  const none = { level: null, qosClass: null, podUid: null, containerId: null, runtime: null };

  it('reads plain Docker containers, cgroupfs and systemd', () => {
    expect(parseCgroupPath(`/docker/${CID}`)).toEqual(
      info({ ...none, kind: 'container', containerId: CID, runtime: 'docker' }),
    );
    expect(parseCgroupPath(`/system.slice/docker-${CID}.scope`)).toEqual(
      info({ ...none, kind: 'container', containerId: CID, runtime: 'docker' }),
    );
  });

  it.each([
    '/system.slice/containerd.service',
    '/podruntime.slice/kubelet.service',
    '/user.slice/user-1000.slice/user@1000.service/app.slice/run-u12.service',
    '/mem2',
    `/system.slice/${CID}`,
  ])('%s is a system cgroup', (path) => {
    expect(parseCgroupPath(path)).toEqual(info({ ...none, kind: 'system' }));
  });

  it('reads / as the root', () => {
    expect(parseCgroupPath('/')).toEqual(info({ ...none, kind: 'root' }));
    expect(parseCgroupPath('')).toEqual(info({ ...none, kind: 'root' }));
  });
});
