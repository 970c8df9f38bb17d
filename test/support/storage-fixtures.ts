/** Helpers for storage tests: private tables on the run's Azurite, and event builders. */
import { randomBytes } from 'node:crypto';

import { OomKillEvent } from '../../shared/model/event';
import {
  createTableClients,
  ensureTables,
  resolveTableAccess,
  TableClients,
} from '../../shared/storage/table-client-factory';

/** A table-name prefix no other suite uses (letters and digits). */
export function uniquePrefix(label: string): string {
  return `${label}${randomBytes(4).toString('hex')}`;
}

/** Creates a private set of tables on the Azurite of this run and returns their clients. */
export async function createTestTables(label: string): Promise<TableClients> {
  const tables = createTableClients(resolveTableAccess(), uniquePrefix(label));
  await ensureTables(tables);
  return tables;
}

/** Counts the rows of a table (tests only: a full scan). */
export async function countRows(client: TableClients[keyof TableClients]): Promise<number> {
  let rows = 0;
  for await (const page of client.listEntities().byPage({ maxPageSize: 1000 })) rows += page.length;
  return rows;
}

/** A complete kill event with every field set; override what a test is about. */
export function makeEvent(overrides: Partial<OomKillEvent> = {}): OomKillEvent {
  return {
    kind: 'oom-kill',
    id: 'evt-0001',
    receivedAt: null,
    cluster: 'prod-west',
    node: 'aks-nodepool1-12345678-vmss000001',
    time: '2024-05-01T10:20:30.123Z',
    kernelTime: 86400.5,
    scope: 'container',
    constraint: 'CONSTRAINT_MEMCG',
    oomCgroup: '/kubepods.slice/kubepods-burstable.slice/pod.slice/cri-containerd-abc.scope',
    taskCgroup: '/kubepods.slice/kubepods-burstable.slice/pod.slice/cri-containerd-abc.scope',
    victim: {
      pid: 4242,
      name: 'java',
      uid: 1000,
      totalVmKb: 2_000_000,
      anonRssKb: 500_000,
      fileRssKb: 1200,
      shmemRssKb: 0,
      pgtablesKb: 1500,
      oomScoreAdj: 999,
    },
    trigger: { pid: 4243, name: 'java', gfpMask: '0xcc0(GFP_KERNEL)', order: 0, oomScoreAdj: 999 },
    memcg: { usageKb: 524288, limitKb: 524288, failcnt: 17 },
    pod: {
      uid: '0f3c2a1e-1111-2222-3333-444455556666',
      qosClass: 'Burstable',
      namespace: null,
      name: null,
    },
    container: { id: 'a'.repeat(64), runtime: 'containerd', name: null },
    groupKill: false,
    killed: [{ pid: 4242, name: 'java' }],
    recommendation: 'Raise the container memory limit or reduce the heap.',
    childKillSuspected: false,
    childKillEvidence: [],
    groupCgroup: null,
    headerSuppressed: false,
    partial: false,
    memoryStats: { anon: 536870912, file: 1228800, kernel: 2048000 },
    tasks: [
      {
        pid: 4242,
        uid: 1000,
        tgid: 4242,
        totalVmPages: 500000,
        rssPages: 125000,
        oomScoreAdj: 999,
        name: 'java',
      },
    ],
    corroboration: ['TaskOOM event container_id:"aaaa"'],
    rawLines: ['java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=999'],
    ...overrides,
  };
}
