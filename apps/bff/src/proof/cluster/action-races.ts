import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { proposal } from '../../modules/actions/testing/fleet-fixture.ts';
import type { Answer } from './acked-ingest.ts';

const RACE_WIDTH = 64;
const APPROVERS = ['approver', 'approver2', 'admin', 'admin2', 'admin3'];
const PROPOSERS = ['operator', 'operator2'];

/**
 * The executor's far end: every delivery counted by action id. The BFFs execute `restart_entity`
 * through the webhook executor, so each execution is one request here, whichever BFF ran it.
 */
export class WebhookReceiver {
  readonly deliveries = new Map<number, number>();
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const parsed = JSON.parse(body || '{}') as { actionId?: number; operation?: string };
        if (parsed.operation === 'execute' && typeof parsed.actionId === 'number')
          this.deliveries.set(parsed.actionId, (this.deliveries.get(parsed.actionId) ?? 0) + 1);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

/**
 * A stream of proposals (restart_entity on entity after entity), each followed by 64 concurrent
 * approvals spread over five approvers and both BFFs: exactly one may win the transition.
 */
export class ActionRaces {
  readonly answers: Answer[] = [];
  readonly proposed: number[] = [];
  /** Per raced action: how many of the 64 approvals answered 200. */
  readonly winners = new Map<number, number>();
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly urls: readonly string[],
    private readonly cookies: ReadonlyMap<string, string>,
    private readonly entities: readonly string[],
    private readonly pauseMs = 2_000,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async post(bff: number, path: string, user: string, body: unknown, headers = {}) {
    const url = this.urls[bff % this.urls.length]!;
    const at = Date.now();
    const started = performance.now();
    let status: number;
    let data: { id?: number } | undefined;
    try {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: url,
          cookie: this.cookies.get(user)!,
          ...headers,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      data = ((await response.json().catch(() => null)) as { data?: { id?: number } } | null)?.data;
    } catch {
      status = 0;
    }
    this.answers.push({ at, bff: bff % this.urls.length, status, ms: performance.now() - started });
    return { status, data };
  }

  private async run(): Promise<void> {
    for (let n = 0; this.running; n++) {
      const entity = this.entities[n % this.entities.length]!;
      const proposed = await this.post(
        n,
        '/api/v1/actions',
        PROPOSERS[n % PROPOSERS.length]!,
        proposal('restart_entity', entity),
        { 'idempotency-key': `proof-cluster-${randomUUID()}` },
      );
      const id = proposed.data?.id;
      if (proposed.status === 201 && typeof id === 'number') {
        this.proposed.push(id);
        const approvals = await Promise.all(
          Array.from({ length: RACE_WIDTH }, (_, i) =>
            this.post(i, `/api/v1/actions/${id}/approve`, APPROVERS[i % APPROVERS.length]!, {}),
          ),
        );
        this.winners.set(id, approvals.filter((a) => a.status === 200).length);
      }
      await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
    }
  }
}
