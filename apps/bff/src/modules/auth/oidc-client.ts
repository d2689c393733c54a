import * as client from 'openid-client';
import { AppError, unavailable } from '../../http/app-error.ts';
import type { OidcSettings } from './oidc-settings.ts';
import type { OidcTransaction } from './oidc-transaction.ts';

/** The provider's answer once every check passed: the ID token's claims. */
export type VerifiedClaims = Record<string, unknown> & { sub: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The provider's metadata, discovered at the first sign-in and kept; a failed discovery is not
 * kept, so the next sign-in tries again (the BFF starts even while the provider is down).
 */
export class OidcClient {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  private config(): Promise<client.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      throw unavailable(`The identity provider cannot be reached (${describe(error)})`);
    });
    return this.configuration;
  }

  private discover(): Promise<client.Configuration> {
    const { settings } = this;
    const issuer = new URL(settings.issuer);
    const skewSeconds = Math.round(((settings.now?.() ?? Date.now()) - Date.now()) / 1000);
    return client.discovery(
      issuer,
      settings.clientId,
      { [client.clockSkew]: skewSeconds },
      settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
      // Plain HTTP only to a provider on this machine (development and tests).
      issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname)
        ? { execute: [client.allowInsecureRequests] }
        : undefined,
    );
  }

  async authorizationUrl(transaction: OidcTransaction): Promise<URL> {
    return client.buildAuthorizationUrl(await this.config(), {
      redirect_uri: this.settings.redirectUrl,
      scope: 'openid profile email',
      response_type: 'code',
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Redeems the code the provider sent back and validates the ID token (signature, issuer,
   * audience, expiry, nonce). Every refusal is a 401 naming the check that failed.
   */
  async redeem(callbackUrl: URL, transaction: OidcTransaction): Promise<VerifiedClaims> {
    const config = await this.config();
    // The provider redirects to the configured URL; the request may have reached us under another
    // host name (a proxy), so the code is read from the request and the URL is the configured one.
    const currentUrl = new URL(this.settings.redirectUrl);
    currentUrl.search = callbackUrl.search;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw refusal('id_token', 'The provider returned no ID token');
      return claims as VerifiedClaims;
    } catch (error) {
      throw error instanceof AppError ? error : toRefusal(error);
    }
  }
}

function refusal(check: string, message: string): AppError {
  return new AppError(401, 'unauthenticated', message, { check });
}

/** Names what failed: a claim of the ID token, the state, or the provider refusing the code. */
function toRefusal(error: unknown): AppError {
  if (error instanceof client.AuthorizationResponseError)
    return refusal('authorization', `The identity provider refused the sign-in (${error.error})`);
  if (error instanceof client.ResponseBodyError)
    return refusal(
      'code',
      `The identity provider refused the authorization code (${error.error}): it is unknown, expired or already used`,
    );
  const failed = failedClaim(error);
  if (failed)
    return refusal(
      failed.claim,
      `The ID token failed the "${failed.claim}" check: ${failed.message}`,
    );
  if (causeMessages(error).some((m) => /"state"/.test(m)))
    return refusal('state', 'The sign-in state does not match');
  return refusal('id_token', `The sign-in response was refused: ${describe(error)}`);
}

/** The JWT claim a validation error names; the library nests it a few causes deep. */
function failedClaim(error: unknown): { claim: string; message: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const cause = (current as { cause?: unknown }).cause;
    const claim = (cause as { claim?: unknown } | undefined)?.claim;
    if (typeof claim === 'string') return { claim, message: describe(current) };
    current = cause;
  }
  return undefined;
}

function causeMessages(error: unknown): string[] {
  const messages: string[] = [];
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    messages.push(describe(current));
    current = (current as { cause?: unknown }).cause;
  }
  return messages;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
