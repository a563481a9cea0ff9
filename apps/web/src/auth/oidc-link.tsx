import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { oidcConfig } from '../api/endpoints.ts';

/**
 * "Sign in with {provider}" when the server offers single sign-on. A plain link: the server runs
 * the redirect dance and comes back to `#/oidc?code=...`. Shows nothing when off or unreachable.
 */
export const OidcLink = () => {
  const api = useApi();
  const [name, setName] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    oidcConfig(api)
      .then((config) => {
        if (current && config.enabled) setName(config.name ?? 'single sign-on');
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [api]);

  if (name === null) return null;
  return (
    <p className="oidc">
      <span className="divider">or</span>
      <a className="button button-secondary" href="/auth/oidc/login">
        Sign in with {name}
      </a>
    </p>
  );
};
