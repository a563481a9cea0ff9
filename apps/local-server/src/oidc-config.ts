import { z } from 'zod';

/** Sign-in with one OpenID Connect provider (Google in production). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This server's `/auth/oidc/callback`, exactly as registered at the provider. */
  redirectUri: string;
  /** Shown as "Sign in with {name}". */
  name: string;
  /** Allow a plain-HTTP issuer: only for a local test provider. */
  allowInsecureHttp: boolean;
}

const httpUrl = z.url({ protocol: /^https?$/ }).optional();

/** The `DOCENT_OIDC_*` settings; merged into the server's one schema. */
export const oidcSchema = {
  DOCENT_OIDC_ISSUER: httpUrl,
  DOCENT_OIDC_CLIENT_ID: z.string().min(1).optional(),
  DOCENT_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  DOCENT_OIDC_REDIRECT_URI: httpUrl,
  DOCENT_OIDC_NAME: z.string().min(1).max(40).optional(),
  DOCENT_OIDC_ALLOW_HTTP: z.enum(['true', 'false']).optional(),
};

const oidcObject = z.object(oidcSchema);
type OidcSettings = z.infer<typeof oidcObject>;

const REQUIRED = [
  'DOCENT_OIDC_ISSUER',
  'DOCENT_OIDC_CLIENT_ID',
  'DOCENT_OIDC_CLIENT_SECRET',
  'DOCENT_OIDC_REDIRECT_URI',
] as const;
const OPTIONAL = ['DOCENT_OIDC_NAME', 'DOCENT_OIDC_ALLOW_HTTP'] as const;
const CALLBACK_PATH = '/auth/oidc/callback';

/** Problems of the provider settings, each naming the setting: they are all given, or none is. */
export const oidcProblems = (c: OidcSettings): string[] => {
  const missing = REQUIRED.filter((key) => c[key] === undefined);
  if (missing.length === REQUIRED.length) {
    return OPTIONAL.filter((key) => c[key] !== undefined).map(
      (key) => `${key}: only applies with ${REQUIRED.join(', ')}, which are not set`,
    );
  }
  if (missing.length > 0) {
    return missing.map((key) => `${key}: required for sign-in with a provider (set all of ${REQUIRED.join(', ')})`);
  }
  const problems: string[] = [];
  if (c.DOCENT_OIDC_ISSUER?.startsWith('http:') && c.DOCENT_OIDC_ALLOW_HTTP !== 'true') {
    problems.push(
      'DOCENT_OIDC_ISSUER: must be https (DOCENT_OIDC_ALLOW_HTTP=true allows http for a local test provider)',
    );
  }
  if (new URL(c.DOCENT_OIDC_REDIRECT_URI as string).pathname !== CALLBACK_PATH) {
    problems.push(`DOCENT_OIDC_REDIRECT_URI: must be this server's ${CALLBACK_PATH}`);
  }
  return problems;
};

/** The provider configuration from validated settings (check `oidcProblems` first), or undefined when off. */
export const oidcConfig = (c: OidcSettings): OidcConfig | undefined => {
  if (c.DOCENT_OIDC_ISSUER === undefined) return undefined;
  return {
    issuer: c.DOCENT_OIDC_ISSUER,
    clientId: c.DOCENT_OIDC_CLIENT_ID as string,
    clientSecret: c.DOCENT_OIDC_CLIENT_SECRET as string,
    redirectUri: c.DOCENT_OIDC_REDIRECT_URI as string,
    name: c.DOCENT_OIDC_NAME ?? 'Google',
    allowInsecureHttp: c.DOCENT_OIDC_ALLOW_HTTP === 'true',
  };
};
