import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real alerting pipeline for one test, from Debian's packages: Prometheus scrapes a gauge the
 * test sets, evaluates an alert rule on it and a Watchdog heartbeat, and Alertmanager delivers
 * both to Watchfloor's webhook receiver with an ingest token. Everything lives in a temp dir on
 * free loopback ports; `stop` ends both processes by their PIDs.
 */
export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';

/** Why the stack cannot run here (with the one command that fixes it), or null when it can. */
export function missingStack(): string | null {
  const missing = [
    { pkg: 'prometheus', file: PROMETHEUS_BIN },
    { pkg: 'prometheus-alertmanager', file: ALERTMANAGER_BIN },
  ].filter((p) => !existsSync(p.file));
  if (missing.length === 0) return null;
  const command = `apt-get install -y ${missing.map((m) => m.pkg).join(' ')}`;
  console.error(`The alerting proof needs Debian's packages. Install them with:\n  ${command}`);
  return `needs ${missing.map((m) => m.file).join(' and ')}: ${command}`;
}

export interface StackOptions {
  /** Watchfloor's base URL; the webhook goes to its /api/v1/ingest/alertmanager. */
  watchfloorUrl: string;
  ingestToken: string;
  /** Alert name of the rule on the gauge. */
  alertname: string;
  /** Labels the alert carries (segment, entity, severity). */
  labels: Record<string, string>;
  summary: string;
}

export interface PrometheusStack {
  /** Prometheus's external URL: every alert's generatorURL starts with it. */
  prometheusUrl: string;
  alertmanagerUrl: string;
  /** Sets the scraped gauge the alert rule watches (`> 0` fires). */
  setGauge(value: number): void;
  stop(): Promise<void>;
}

const GAUGE = 'watchfloor_e2e_fault';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** YAML flow style is JSON, so every config is written with JSON.stringify: no quoting to get wrong. */
const yaml = (value: unknown) => JSON.stringify(value, null, 2);

/** Exactly the rules and configuration a README reader copies, with this run's names filled in. */
function configs(options: StackOptions, ports: { metrics: number; alertmanager: number }) {
  const rules = {
    groups: [
      {
        name: 'watchfloor-e2e',
        interval: '1s',
        rules: [
          {
            alert: options.alertname,
            expr: `${GAUGE} > 0`,
            for: '0s',
            labels: options.labels,
            annotations: { summary: options.summary },
          },
          // Always firing: while it arrives, no alert band on a chart means nothing alerted.
          {
            alert: 'Watchdog',
            expr: 'vector(1)',
            labels: { severity: 'none' },
            annotations: { summary: 'The alerting pipeline is alive.' },
          },
        ],
      },
    ],
  };
  const prometheus = {
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: ['rules.yml'],
    alerting: {
      alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${ports.alertmanager}`] }] }],
    },
    scrape_configs: [
      { job_name: 'watchfloor-e2e', static_configs: [{ targets: [`127.0.0.1:${ports.metrics}`] }] },
    ],
  };
  const alertmanager = {
    route: {
      receiver: 'watchfloor',
      group_by: ['alertname', 'segment', 'entity'],
      group_wait: '1s',
      group_interval: '1s',
      repeat_interval: '1m',
    },
    receivers: [
      {
        name: 'watchfloor',
        webhook_configs: [
          {
            url: new URL('/api/v1/ingest/alertmanager', options.watchfloorUrl).toString(),
            send_resolved: true,
            http_config: { authorization: { type: 'Bearer', credentials: options.ingestToken } },
          },
        ],
      },
    ],
  };
  return { rules, prometheus, alertmanager };
}

function startProcess(bin: string, args: string[], logName: string, dir: string): ChildProcess {
  const log: string[] = [];
  const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal === null) {
      console.error(`${logName} exited with ${code}:\n${log.join('').slice(-4_000)}`);
    }
  });
  return child;
}

async function waitReady(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    const ready = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} was not ready at ${url} within 60 s`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
      return resolve();
    child.once('exit', () => resolve());
    process.kill(child.pid, 'SIGTERM');
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
  });
}

/** Starts the gauge endpoint, Alertmanager and Prometheus, and waits until both are ready. */
export async function startPrometheusStack(options: StackOptions): Promise<PrometheusStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'watchfloor-prometheus-'));
  let gauge = 1;
  const metrics: Server = createHttpServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(`# TYPE ${GAUGE} gauge\n${GAUGE} ${gauge}\n`);
  });
  await new Promise<void>((resolve) => metrics.listen(0, '127.0.0.1', resolve));
  const metricsAddress = metrics.address();
  const metricsPort =
    typeof metricsAddress === 'object' && metricsAddress ? metricsAddress.port : 0;
  const ports = {
    metrics: metricsPort,
    alertmanager: await freePort(),
    prometheus: await freePort(),
  };
  const written = configs(options, ports);
  writeFileSync(path.join(dir, 'rules.yml'), yaml(written.rules));
  writeFileSync(path.join(dir, 'prometheus.yml'), yaml(written.prometheus));
  writeFileSync(path.join(dir, 'alertmanager.yml'), yaml(written.alertmanager));

  const alertmanagerUrl = `http://127.0.0.1:${ports.alertmanager}`;
  const prometheusUrl = `http://127.0.0.1:${ports.prometheus}`;
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    await new Promise<void>((resolve) => metrics.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const alertmanager = startProcess(
      ALERTMANAGER_BIN,
      [
        `--config.file=${path.join(dir, 'alertmanager.yml')}`,
        `--storage.path=${path.join(dir, 'alertmanager-data')}`,
        `--web.listen-address=127.0.0.1:${ports.alertmanager}`,
        // Empty: a single Alertmanager, no HA gossip.
        '--cluster.listen-address=',
      ],
      'alertmanager',
      dir,
    );
    children.push(alertmanager);
    await waitReady(`${alertmanagerUrl}/-/ready`, alertmanager, 'alertmanager');
    const prometheus = startProcess(
      PROMETHEUS_BIN,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`,
        `--web.listen-address=127.0.0.1:${ports.prometheus}`,
        `--web.external-url=${prometheusUrl}/`,
      ],
      'prometheus',
      dir,
    );
    children.push(prometheus);
    await waitReady(`${prometheusUrl}/-/ready`, prometheus, 'prometheus');
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    prometheusUrl,
    alertmanagerUrl,
    setGauge: (value) => {
      gauge = value;
    },
    stop,
  };
}
