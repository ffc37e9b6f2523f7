// The little of oidc-provider 8 the tests use (the package ships no types; @types/oidc-provider is for older majors).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account { accountId: string; claims(): Promise<Record<string, unknown>> }

  export default class Provider {
    constructor(issuer: string, configuration: {
      clients: Array<Record<string, unknown>>;
      claims?: Record<string, string[]>;
      cookies?: { keys: string[] };
      pkce?: { required: () => boolean };
      features?: Record<string, { enabled: boolean }>;
      findAccount(ctx: unknown, sub: string): Promise<Account | undefined>;
    });
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: 'server_error', listener: (ctx: unknown, error: Error) => void): this;
  }
}
