/**
 * The daily summary of one cluster's UTC day: what the digest e-mail and the summaries API
 * show. Stored as JSON, so fields may be added (bump {@link SUMMARY_SCHEMA_VERSION} when a
 * reader must tell old rows apart); none may be renamed.
 */
import { MemoryPressureRecord, Scope } from '../model/event';

/** Version written with every stored summary. */
export const SUMMARY_SCHEMA_VERSION = 1;

/** Days before the summarized day that "seen before" and the average look back over. */
export const LOOKBACK_DAYS = 7;

/** Kills of one node. */
export interface NodeKills {
  node: string;
  kills: number;
}

/** Kills in one namespace; null groups kills with no pod or a pod whose name is not known. */
export interface NamespaceKills {
  namespace: string | null;
  kills: number;
}

/** Kills that started in one UTC hour of the day, by scope. */
export interface HourKills {
  /** 0–23. */
  hour: number;
  total: number;
  byScope: Partial<Record<Scope, number>>;
}

/** A pod among the day's most-killed. */
export interface TopPod {
  uid: string;
  namespace: string | null;
  name: string | null;
  kills: number;
  scopes: Scope[];
  nodes: string[];
  containers: string[];
  /** memcg limit printed at the pod's latest kill. */
  memcgLimitKb: number | null;
  /** Largest of the victims' anon RSS and the memcg usage over the day's kills. */
  peakUsageKb: number | null;
  lastKillAt: string | null;
  lastEventId: string;
  /** The latest kill's recommendation. */
  recommendation: string;
}

/** A short reference to one event, for lists in the summary. */
export interface EventRef {
  id: string;
  time: string | null;
  node: string | null;
  scope: Scope;
  namespace: string | null;
  pod: string | null;
  process: string | null;
}

/** A pod killed on the day, with whether it was killed on an earlier day of the look-back. */
export interface PodSighting {
  uid: string;
  namespace: string | null;
  name: string | null;
  kills: number;
  /** Latest earlier day (within the look-back) with a kill of this pod; absent when new. */
  lastSeenDay?: string;
}

/** One earlier day's total, as used for the average. */
export interface DayTotal {
  day: string;
  kills: number;
}

/** The summary itself. */
export interface DailySummary {
  schemaVersion: number;
  cluster: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  /** The day's bounds, ISO: `from` inclusive, `to` exclusive. */
  from: string;
  to: string;
  generatedAt: string;
  /** False while the day is still running (a live summary of today). */
  complete: boolean;

  totalKills: number;
  /** Reports of the day that show no killed process (cut before their kill line). */
  reportsWithoutKill: number;
  killsByScope: Record<Scope, number>;
  killsByNode: NodeKills[];
  killsByNamespace: NamespaceKills[];
  /** 24 rows, hour 0 first. */
  killsByHour: HourKills[];
  /** Kills filed by their receive time because the report carried no wall time. */
  killsWithoutTime: number;

  topPods: TopPod[];
  groupKills: { count: number; events: EventRef[] };
  childKillsSuspected: { count: number; events: EventRef[] };
  memoryPressure: {
    count: number;
    byNode: NodeKills[];
    byReason: { reason: string; count: number }[];
    /** The newest records, at most {@link SUMMARY_LIMITS.pressureRecords}. */
    records: MemoryPressureRecord[];
  };
  pods: { lookbackDays: number; newToday: PodSighting[]; seenBefore: PodSighting[] };
  change: {
    lookbackDays: number;
    previousTotals: DayTotal[];
    previousAverage: number;
    /** totalKills − previousAverage. */
    delta: number;
    /** delta as a percentage of the average; null when the average is 0. */
    percent: number | null;
  };
  /** More events than {@link SUMMARY_LIMITS.events} were filed that day; counts cover the rest. */
  truncated: boolean;
}

/** Caps that keep one summary row within Table Storage's 1 MiB entity limit. */
export const SUMMARY_LIMITS = {
  events: 20_000,
  topPods: 10,
  eventRefs: 50,
  pods: 1000,
  pressureRecords: 50,
} as const;
