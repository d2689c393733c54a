import { useState } from 'react';

/** A policy version: the first 12 hex digits shown, the whole hash one click from the clipboard. */
export function VersionHash({ version }: { version: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard?.writeText(version).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <span className="policy-version">
      <code title={version} data-testid="policy-version">
        {version.slice(0, 12)}
      </code>{' '}
      <button
        type="button"
        className="button"
        onClick={copy}
        aria-label={`Copy version ${version}`}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
