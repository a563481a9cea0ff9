/** Cookies by name, for one pretend browser: enough for flows where names do not clash across hosts. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Keeps the cookies a response sets; a cookie set empty or already expired is removed. */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const split = pair.indexOf('=');
      const name = pair.slice(0, split).trim();
      const value = pair.slice(split + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', setting = ''] = attribute.split('=').map((part) => part.trim());
        if (key.toLowerCase() === 'max-age') return Number(setting) <= 0;
        return key.toLowerCase() === 'expires' && Date.parse(setting) <= Date.now();
      });
      if (value === '' || expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  /** The `cookie` request header, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** One cookie's value. */
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }
}

/** Options of `driveOidcLogin`. */
export interface DriveOidcLoginOptions {
  /** The login name typed into the provider's dev login form (the password is anything). */
  login: string;
  /** Following stops at the first redirect to a URL that starts with this (the app's callback). */
  until: string;
  /** The browser's cookies, shared with the caller's other requests (default: a fresh jar). */
  jar?: CookieJar;
}

const MAX_STEPS = 20;

const decodeHtml = (text: string): string =>
  text.replace(/&(amp|quot|#x2F|#39);/gu, (_, entity: string) =>
    entity === 'amp' ? '&' : entity === 'quot' ? '"' : entity === '#x2F' ? '/' : "'",
  );

/**
 * Signs in like a browser would, over plain `fetch`: follows redirects from `startUrl` by hand
 * (keeping cookies), submits the test provider's login form and then its consent form, and returns
 * the URL the provider finally redirects to under `until`, without requesting it.
 */
export const driveOidcLogin = async (startUrl: string, options: DriveOidcLoginOptions): Promise<string> => {
  const jar = options.jar ?? new CookieJar();
  let url = startUrl;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < MAX_STEPS; step++) {
    const cookie = jar.header();
    const response = await fetch(url, {
      method: form === undefined ? 'GET' : 'POST',
      redirect: 'manual',
      headers: cookie === undefined ? {} : { cookie },
      ...(form === undefined ? {} : { body: form }),
    });
    jar.store(response);
    form = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      const next = new URL(location, url).href;
      if (next.startsWith(options.until)) return next;
      url = next;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/u.exec(html)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/u.exec(html)?.[1];
    if (action === undefined || (prompt !== 'login' && prompt !== 'consent')) {
      throw new Error(`Unexpected page at ${url} (${response.status}): ${html.slice(0, 500)}`);
    }
    url = new URL(decodeHtml(action), url).href;
    form = new URLSearchParams(prompt === 'login' ? { prompt, login: options.login, password: 'any' } : { prompt });
  }
  throw new Error(`No redirect to ${options.until} after ${MAX_STEPS} steps`);
};
