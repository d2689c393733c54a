import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/** The Ed25519 key that signs checkpoint anchors. The database never holds its private half. */
export interface AnchorSigner {
  privateKey: KeyObject;
  /** SubjectPublicKeyInfo DER, base64: written into every anchor so an auditor can verify offline. */
  publicKey: string;
  /** `sha256:<hex>` of the public key DER: what an auditor pins with `--public-key`. */
  fingerprint: string;
  /** True when derived from the demo key: anyone can forge such anchors. */
  demo: boolean;
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function signerOf(privateKey: KeyObject, demo: boolean): AnchorSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error('The audit signing key must be an Ed25519 private key');
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return {
    privateKey,
    publicKey: der.toString('base64'),
    fingerprint: publicKeyFingerprint(der),
    demo,
  };
}

export function publicKeyFingerprint(spkiDer: Buffer): string {
  return `sha256:${createHash('sha256').update(spkiDer).digest('hex')}`;
}

/**
 * The anchor signer: WATCHFLOOR_AUDIT_SIGNING_KEY (a PKCS#8 PEM, or its DER in base64) when given;
 * otherwise derived from the checkpoint HMAC key, which the database does not hold either
 * (`demo` says whether that key is the published demo one).
 */
export function loadAnchorSigner(options: {
  signingKey?: string;
  auditKey: string;
  demoAuditKey: boolean;
}): AnchorSigner {
  if (options.signingKey) {
    const text = options.signingKey.trim();
    const key = text.startsWith('-----')
      ? createPrivateKey(text)
      : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
    return signerOf(key, false);
  }
  const seed = createHmac('sha256', options.auditKey)
    .update('watchfloor audit anchor signing key v1')
    .digest();
  const key = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return signerOf(key, options.demoAuditKey);
}

export function signAnchor(signer: AnchorSigner, text: string): string {
  return sign(null, Buffer.from(text), signer.privateKey).toString('base64');
}

/** Checks an anchor's signature with the public key it carries (base64 SPKI DER). */
export function anchorSignatureValid(publicKey: string, text: string, signature: string): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.from(publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    return verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
