/** Response of `GET /auth/oidc/config`. */
export const oidcConfigSchema = {
  description: 'Whether sign-in with an OpenID Connect provider is available',
  type: 'object',
  required: ['enabled'],
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    name: { type: 'string', description: 'The provider for "Sign in with {name}"; present when enabled.' },
  },
} as const;

/** Body of `POST /auth/oidc/session`. */
export const oidcSessionBodySchema = {
  type: 'object',
  required: ['code'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 256, description: 'The one-time code of `/#/oidc?code=`.' },
  },
} as const;

/** A validated `POST /auth/oidc/session` body. */
export interface OidcSessionBody {
  code: string;
}

/** The redirects of the browser flow. */
export const redirectResponse = (description: string) => ({
  302: { description, type: 'null', headers: { location: { type: 'string' } } },
});
