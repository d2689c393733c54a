import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import { anchorSignatureValid, signAnchor, type AnchorSigner } from './audit-signing.ts';

const HEX64 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * One checkpoint as written outside the database: the chain head it covers, the hash of every
 * record since the previous checkpoint (so a verifier can name the exact record that changed),
 * the previous checkpoint's hash (so a deleted anchor is noticed), and an Ed25519 signature over
 * all of it with the public key alongside.
 */
export const AnchorSchema = z.strictObject({
  version: z.literal(1),
  /** 1, 2, 3 … with no gaps: the checkpoint's own number. */
  checkpoint: z.number().int().positive(),
  /** The audit record sequence number the checkpoint covers (the chain head when signed). */
  seq: z.number().int().nonnegative(),
  hash: z.string(),
  signedAt: z.number().int(),
  prevCheckpointHash: HEX64,
  /** Hashes of records firstSeq … seq, in order. */
  records: z.strictObject({
    firstSeq: z.number().int().positive(),
    hashes: z.array(HEX64),
  }),
  publicKey: z.string().min(1),
  keyFingerprint: z.string().min(1),
  demoKey: z.boolean(),
  signature: z.string().min(1),
});
export type Anchor = z.infer<typeof AnchorSchema>;
export type UnsignedAnchor = Omit<Anchor, 'signature'>;

export const GENESIS_CHECKPOINT_HASH = '0'.repeat(64);
const FILE = /^checkpoint-(\d{10})\.json$/;

export const anchorFileName = (checkpoint: number) =>
  `checkpoint-${String(checkpoint).padStart(10, '0')}.json`;

const signedText = (anchor: UnsignedAnchor) => canonicalJson(anchor);

export function signAnchorBody(signer: AnchorSigner, body: UnsignedAnchor): Anchor {
  return { ...body, signature: signAnchor(signer, signedText(body)) };
}

export function anchorSignatureOk(anchor: Anchor): boolean {
  const { signature, ...body } = anchor;
  return anchorSignatureValid(anchor.publicKey, signedText(body), signature);
}

/** What the next checkpoint names as its predecessor. */
export function checkpointHash(anchor: Anchor): string {
  return createHash('sha256').update(canonicalJson(anchor)).digest('hex');
}

/** Writes a new anchor file; never overwrites one (`wx`), so a taken number fails with EEXIST. */
export async function writeAnchorFile(dir: string, anchor: Anchor): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, anchorFileName(anchor.checkpoint));
  await writeFile(file, `${JSON.stringify(anchor, null, 2)}\n`, { flag: 'wx', mode: 0o444 });
  return file;
}

export interface AnchorFile {
  checkpoint: number;
  file: string;
  /** Null when the file does not parse as an anchor. */
  anchor: Anchor | null;
}

/** Every anchor file in the directory, by checkpoint number (an absent directory has none). */
export async function readAnchorFiles(dir: string): Promise<AnchorFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const numbered = names
    .map((name) => ({ name, match: FILE.exec(name) }))
    .filter((n): n is { name: string; match: RegExpExecArray } => n.match !== null)
    .map((n) => ({ checkpoint: Number(n.match[1]), file: path.join(dir, n.name) }))
    .sort((a, b) => a.checkpoint - b.checkpoint);
  return Promise.all(numbered.map(async (n) => ({ ...n, anchor: await parseAnchor(n.file) })));
}

/** The newest anchor, read without parsing the others. */
export async function latestAnchor(dir: string): Promise<Anchor | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const newest = names
    .filter((n) => FILE.test(n))
    .sort()
    .at(-1);
  if (!newest) return null;
  const anchor = await parseAnchor(path.join(dir, newest));
  if (!anchor) throw new Error(`The newest audit anchor ${newest} does not parse`);
  return anchor;
}

async function parseAnchor(file: string): Promise<Anchor | null> {
  try {
    const parsed = AnchorSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Sends a copy of the anchor to an external collector; the file is the record, this a second copy. */
export async function postAnchor(url: string, anchor: Anchor, timeoutMs = 5_000): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(anchor),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`audit anchor POST answered ${response.status}`);
}
