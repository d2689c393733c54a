import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPool, type Pool } from '../../db/pool.ts';
import { migrate } from '../../db/migrate.ts';
import { startPrivateServer, type PrivateServer } from '../../cli/database/private-server.ts';
import { withDatabase } from '../../cli/database/mysql-url.ts';
import { createDatabaseIfAbsent, dropDatabase } from '../../cli/database/probe.ts';
import { loadEnv } from '../../env.ts';
import { createLogger } from '../../logger.ts';
import { ensureDemoAccounts } from '../../modules/auth/demo-accounts.ts';
import { generateToken } from '../../modules/auth/ingest-token.service.ts';
import { startServer, type RunningServer } from '../../server.ts';

const PASSWORD = 'proof-password';
const DATABASE = 'watchfloor_proof_faults';

/**
 * The real stack for fault proofs: a private MariaDB/MySQL server (so it can be stopped and started
 * on the same port), a migrated database, and the BFF with its in-process rollup worker.
 */
export class FaultStack {
  private database: PrivateServer | null = null;
  private port = 0;
  server: RunningServer | null = null;
  /** A pool of the proof's own, to inspect the database beside the BFF. */
  inspector: Pool | null = null;
  token = generateToken();

  constructor(
    private readonly dataDir: string,
    private readonly log: (line: string) => void,
  ) {}

  get url(): string {
    if (!this.server) throw new Error('the BFF is not running');
    return this.server.url;
  }

  get serverUrl(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  get dbUrl(): string {
    return withDatabase(this.serverUrl, DATABASE);
  }

  async start(envOverrides: Record<string, string> = {}): Promise<void> {
    this.database = await startPrivateServer(this.dataDir, this.log);
    this.port = Number(new URL(this.database.serverUrl).port);
    await dropDatabase(this.database.serverUrl, DATABASE);
    await createDatabaseIfAbsent(this.database.serverUrl, DATABASE);
    this.inspector = createPool({ url: this.dbUrl, connectionLimit: 4 });
    await migrate(this.inspector);
    await ensureDemoAccounts(this.inspector, PASSWORD, this.token);
    const env = loadEnv({
      ...process.env,
      MYSQL_URL: this.dbUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      WATCHFLOOR_SIMULATOR: '0',
      WATCHFLOOR_WORKER: '1',
      WATCHFLOOR_DEMO_PASSWORD: PASSWORD,
      ...envOverrides,
    });
    this.server = await startServer(env, createLogger('silent'));
  }

  /** Stops the database server (clean shutdown, like a restart by an operator or a failover). */
  async stopDatabase(): Promise<void> {
    await this.database?.stop();
    this.database = null;
  }

  /** Starts the database server again on the same port with the same data. */
  async startDatabase(): Promise<void> {
    this.database = await startPrivateServer(this.dataDir, this.log, { port: this.port });
  }

  /**
   * Freezes the database server with SIGSTOP (or thaws it with SIGCONT): its connections stay
   * open and nothing answers, as with a stalled VM, a hung disk or a debugger attached.
   */
  signalDatabase(signal: 'SIGSTOP' | 'SIGCONT'): void {
    const pid = Number(readFileSync(path.resolve(this.dataDir, 'mysql.pid'), 'utf8').trim());
    process.kill(pid, signal);
  }

  async signIn(username = 'operator'): Promise<string> {
    const response = await fetch(`${this.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.url },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (response.status !== 200 || !cookie)
      throw new Error(`sign-in as ${username} answered ${response.status}`);
    return cookie;
  }

  async stop(): Promise<void> {
    await this.server?.stop().catch(() => undefined);
    await this.inspector?.end().catch(() => undefined);
    if (this.database) {
      await dropDatabase(this.database.serverUrl, DATABASE).catch(() => undefined);
      await this.database.stop();
    }
  }
}
