import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { configureAuditAnchoring } from './audit-anchoring.ts';
import { DEMO_AUDIT_KEY } from './audit-hash.ts';
import { loadAnchorSigner } from './audit-signing.ts';
import { startAuditCheckpointer } from './audit.service.ts';

export interface AuditAnchorSettings {
  /** WATCHFLOOR_AUDIT_KEY: signs the checkpoints stored in the database. */
  auditKey: string;
  /** WATCHFLOOR_AUDIT_ANCHOR_DIR: without it checkpoints stay in the database only. */
  anchorDir?: string;
  /** WATCHFLOOR_AUDIT_ANCHOR_URL */
  anchorUrl?: string;
  /** WATCHFLOOR_AUDIT_SIGNING_KEY: Ed25519 private key (PKCS#8 PEM or base64 DER). */
  signingKey?: string;
  /** WATCHFLOOR_AUDIT_CHECKPOINT_MS */
  everyMs: number;
}

/**
 * Anchors the pool's audit chain outside the database (when a directory is configured) and starts
 * the checkpoint timer; returns its stop function. Without a signing key the Ed25519 key is derived
 * from the audit key, which in demo mode is public: said in the log and in every anchor.
 */
export function startAuditAnchoring(
  pool: Pool,
  settings: AuditAnchorSettings,
  logger: Logger,
): () => void {
  if (settings.anchorDir) {
    const signer = loadAnchorSigner({
      signingKey: settings.signingKey,
      auditKey: settings.auditKey,
      demoAuditKey: settings.auditKey === DEMO_AUDIT_KEY,
    });
    configureAuditAnchoring(pool, {
      dir: settings.anchorDir,
      url: settings.anchorUrl,
      signer,
      onPostError: (error) =>
        logger.warn({ err: error, url: settings.anchorUrl }, 'audit anchor POST failed'),
    });
    logger.info(
      { dir: settings.anchorDir, keyFingerprint: signer.fingerprint },
      'audit checkpoints anchored outside the database',
    );
    if (signer.demo)
      logger.warn(
        { keyFingerprint: signer.fingerprint },
        'audit anchors are signed with a key derived from the public demo audit key: set WATCHFLOOR_AUDIT_SIGNING_KEY',
      );
  } else {
    logger.info(
      'audit checkpoints are not anchored outside the database (WATCHFLOOR_AUDIT_ANCHOR_DIR)',
    );
  }
  return startAuditCheckpointer(pool, settings.auditKey, {
    everyMs: settings.everyMs,
    onError: (error) => logger.warn({ err: error }, 'audit checkpoint failed'),
  });
}
