import type { AuditAnchorReport, AuditVerification } from '@watchfloor/shared/actions/audit';
import type { Queryable } from '../../db/pool.ts';
import type { LoadedAnchors } from './audit-anchor-verify.ts';
import { listCheckpoints } from './audit.repository.ts';

/** What `GET /audit/verify` adds about the external anchors (an additive field of v1). */
export type AnchorReport = AuditAnchorReport;

type Stored = { seq: number; hash: string; signedAt: number };
const identity = (c: Stored) => `${c.seq}:${c.hash}:${c.signedAt}`;

/** Matches the anchors with the checkpoints the database still holds. */
export async function anchorReport(conn: Queryable, loaded: LoadedAnchors): Promise<AnchorReport> {
  const missing = async () => {
    const stored = new Set((await listCheckpoints(conn)).map(identity));
    const absent = loaded.anchors.filter((a) => !stored.has(identity(a)));
    return { stored, absent };
  };
  let { stored, absent } = await missing();
  // Only the newest missing may be one being written right now (file first, row next): look again.
  if (absent.length === 1 && absent[0] === loaded.anchors.at(-1))
    ({ stored, absent } = await missing());
  const anchored = new Set(loaded.anchors.map(identity));
  const last = loaded.anchors.at(-1);
  return {
    dir: loaded.dir,
    checkpoints: loaded.anchors.length,
    throughSeq: loaded.throughSeq,
    last: last
      ? { checkpoint: last.checkpoint, seq: last.seq, hash: last.hash, signedAt: last.signedAt }
      : null,
    keyFingerprints: loaded.fingerprints,
    demoKey: loaded.anchors.some((a) => a.demoKey),
    problems: loaded.problems,
    missingCheckpoints: absent.map((a) => a.checkpoint),
    unanchoredCheckpoints: [...stored].filter((id) => !anchored.has(id)).length,
  };
}

/** The first anchor-level finding, when every record matched. */
export function missingCheckpoint(
  loaded: LoadedAnchors,
  report: AnchorReport,
): AuditVerification['firstMismatch'] {
  const problem = report.problems[0];
  if (problem) return { seq: problem.seq, reason: problem.reason };
  const first = loaded.anchors.find((a) => a.checkpoint === report.missingCheckpoints[0]);
  if (!first) return null;
  const count = report.missingCheckpoints.length;
  return {
    seq: first.seq,
    reason: `checkpoint ${first.checkpoint} (record ${first.seq}) is anchored outside the database but missing from it${count > 1 ? `, and ${count - 1} more` : ''}: checkpoints were deleted`,
  };
}
