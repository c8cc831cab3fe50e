/** A scrape target of the temporary Prometheus. */
export interface ScrapeTarget {
  job: string;
  /** host:port */
  target: string;
  metricsPath?: string;
}

/** Answer `data` of the Prometheus query API. */
export interface QueryData {
  resultType: string;
  result: Array<{ metric: Record<string, string>; value?: [number, string]; values?: Array<[number, string]> }>;
}

/** A running Prometheus. */
export interface PrometheusServer {
  url: string;
  /** Instant query at `timeMs` (epoch ms), else now. */
  query(expr: string, timeMs?: number): Promise<QueryData>;
  waitForData(expr: string, timeoutMs?: number): Promise<QueryData>;
  targetHealth(): Promise<Array<{ job: string; health: string; lastError: string }>>;
  stop(): Promise<void>;
}

/** Starts a real Prometheus on 127.0.0.1 with a temporary config and data folder. */
export function startPrometheus(options: {
  targets: ScrapeTarget[];
  scrapeInterval?: string;
  startTimeoutMs?: number;
}): Promise<PrometheusServer>;
