/**
 * The `oom-kill:` summary line (Linux 4.19+, memcg fields 5.0+, distro backports):
 *   oom-kill:constraint=C,nodemask=N[,cpuset=S,mems_allowed=M][,global_oom|,oom_memcg=P]
 *            [,task_memcg=P],task=COMM,pid=N,uid=N
 * It is not comma-separable: node lists (`0,2-3`) and COMM may contain commas. The fixed keys
 * are found in their fixed order and `,pid=N,uid=N` is taken from the end.
 */

export interface OomSummary {
  constraint: string | null;
  nodemask: string | null;
  cpuset: string | null;
  memsAllowed: string | null;
  globalOom: boolean;
  oomMemcg: string | null;
  taskMemcg: string | null;
  task: string | null;
  pid: number | null;
  uid: number | null;
  /** The line was cut (ends with `...` or lacks its `,uid=N` tail). */
  truncated: boolean;
  /** What is left of a task_memcg path that the cut went through (may still hold a pod UID). */
  taskMemcgCut: string | null;
}

const PREFIX = 'oom-kill:';
const KEYS = [
  ',nodemask=',
  ',cpuset=',
  ',mems_allowed=',
  ',global_oom',
  ',oom_memcg=',
  ',task_memcg=',
  ',task=',
] as const;
const TAIL = /,pid=(\d+),uid=(\d+)\s*$/;
const CUT_MARK = /(\.\.\.|…)$/;

/** Parses the text after an optional prefix; null when the line is not a summary line. */
export function parseOomSummary(message: string): OomSummary | null {
  const start = message.indexOf(PREFIX);
  if (start < 0 || start > 2) return null;
  let body = message.slice(start + PREFIX.length).trimEnd();

  const cut = CUT_MARK.test(body);
  if (cut) body = body.replace(CUT_MARK, '');
  const tail = TAIL.exec(body);
  if (tail) body = body.slice(0, tail.index);

  // Locate each key in order; a value runs to the next key found.
  const positions: { key: string; at: number }[] = [];
  let from = 0;
  for (const key of KEYS) {
    const at = body.indexOf(key, from);
    if (at >= 0 && !(key === ',global_oom' && !isGlobalOomAt(body, at))) {
      positions.push({ key, at });
      from = at + key.length;
    }
  }

  const values = new Map<string, string>();
  const firstKeyAt = positions[0]?.at ?? body.length;
  values.set('constraint=', body.slice(0, firstKeyAt));
  positions.forEach((position, index) => {
    const end = positions[index + 1]?.at ?? body.length;
    values.set(position.key, body.slice(position.at + position.key.length, end));
  });

  const truncated = cut || !tail;
  const value = (key: string) => emptyToNull(values.get(key));
  // A cut path is not a path: its last segment may be incomplete.
  const path = (key: string) => {
    const found = value(key);
    const isLast = positions[positions.length - 1]?.key === key;
    return found !== null && truncated && isLast && !tail ? null : found;
  };

  return {
    constraint: stripKey(value('constraint='), 'constraint='),
    nodemask: value(',nodemask='),
    cpuset: value(',cpuset='),
    memsAllowed: value(',mems_allowed='),
    globalOom: values.has(',global_oom'),
    oomMemcg: path(',oom_memcg='),
    taskMemcg: path(',task_memcg='),
    task: value(',task='),
    pid: tail ? Number(tail[1]) : null,
    uid: tail ? Number(tail[2]) : null,
    truncated,
    taskMemcgCut: path(',task_memcg=') === null ? value(',task_memcg=') : null,
  };
}

/** `,global_oom` is a flag: it must be followed by a comma or end the (cut) line. */
function isGlobalOomAt(body: string, at: number): boolean {
  const next = body.charAt(at + ',global_oom'.length);
  return next === ',' || next === '';
}

function stripKey(value: string | null, key: string): string | null {
  if (value === null) return null;
  return value.startsWith(key) ? emptyToNull(value.slice(key.length)) : null;
}

function emptyToNull(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}
