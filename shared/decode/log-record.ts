/** One log line after every envelope and prefix has been taken off. */
export interface LogRecord {
  /** Node (host) the line came from, when known. */
  node: string | null;
  /** Cluster the line came from, when the envelope or the caller names it. */
  cluster: string | null;
  /** Wall-clock time as ISO-8601 UTC, or null when none could be read. */
  time: string | null;
  /** printk time in seconds since boot, or null. */
  kernelTime: number | null;
  /** The program that logged the line ('kernel', 'containerd', …), or null when unknown. */
  program: string | null;
  /** The line itself, without syslog, printk or dmesg prefixes. */
  message: string;
  /** True when the line carried no prefix at all (bare text, a wrapped continuation). */
  bare: boolean;
  /** When the transport received the line (Event Hubs enqueued time), for idle flushing. */
  receivedAt: string | null;
}

/** True when a record can hold a kernel message: logged by the kernel, or of unknown origin. */
export function mayBeKernel(record: LogRecord): boolean {
  return record.program === null || record.program === 'kernel';
}
