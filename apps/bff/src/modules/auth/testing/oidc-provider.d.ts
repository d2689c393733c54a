// The parts of oidc-provider (a test dependency, shipped without types) the tests use.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface ProviderClient {
    clientId: string;
  }
  export interface IdTokenInstance {
    client: ProviderClient;
  }
  export interface GrantInstance {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }
  export interface ProviderContext {
    oidc: {
      client?: ProviderClient;
      session?: { accountId?: string };
      provider: Provider;
    };
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    readonly IdToken: {
      prototype: IdTokenInstance & { issue(options?: unknown): Promise<string> };
    };
    readonly Grant: {
      new (props: { accountId: string; clientId: string }): GrantInstance;
      find(id: string): Promise<GrantInstance | undefined>;
    };
  }
}
