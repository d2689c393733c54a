import { formatDateTime } from '../../../lib/format.ts';
import type { VerificationResponse } from '../api/verify-audit.ts';

/** The chain check in words: intact, or the first record that does not match and why. */
export function VerificationStatus({ result }: { result: VerificationResponse['data'] }) {
  const { ok, checkedRecords, lastSeq, firstMismatch, checkpoint } = result;
  return (
    <div
      role="status"
      aria-label="Audit verification"
      data-ok={ok}
      className={ok ? 'verify verify--ok' : 'verify verify--bad'}
    >
      <p>
        <span aria-hidden="true">{ok ? '✔ ' : '✖ '}</span>
        <strong>{ok ? 'Verified' : 'Verification failed'}</strong>: {checkedRecords} records checked
        up to #{lastSeq}.
      </p>
      {firstMismatch && (
        <p data-testid="first-mismatch">
          First mismatch at record #{firstMismatch.seq}: {firstMismatch.reason}
        </p>
      )}
      <p className="muted">
        {checkpoint
          ? `Checkpoint #${checkpoint.seq} signed ${formatDateTime(checkpoint.signedAt)}: signature ${checkpoint.signatureValid ? 'valid' : 'INVALID'}.`
          : 'No signed checkpoint yet.'}
      </p>
    </div>
  );
}
