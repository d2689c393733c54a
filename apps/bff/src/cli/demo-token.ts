import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateToken } from '../modules/auth/ingest-token.service.ts';

/** The demo ingest token: WATCHFLOOR_INGEST_TOKEN if set, else one generated once and kept under .data. */
export function demoIngestToken(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, 'demo-ingest-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const token = generateToken();
  writeFileSync(file, token, { mode: 0o600 });
  return token;
}
