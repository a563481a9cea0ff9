type Listener = (event: { lengthComputable?: boolean; loaded?: number; total?: number }) => void;

class Listeners {
  readonly #listeners = new Map<string, Listener[]>();

  addEventListener(type: string, listener: Listener): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  emit(type: string, event: Parameters<Listener>[0] = {}): void {
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }
}

/**
 * A stand-in for XMLHttpRequest (install with `vi.stubGlobal`): records what was sent and lets
 * the test drive upload progress and the response.
 */
export class FakeXhr extends Listeners {
  /** Every instance created since the last `reset`. */
  static instances: FakeXhr[] = [];
  readonly upload = new Listeners();
  readonly headers: Record<string, string> = {};
  method = '';
  url = '';
  body: unknown;
  status = 0;
  responseText = '';

  constructor() {
    super();
    FakeXhr.instances.push(this);
  }

  /** Forgets earlier instances. */
  static reset(): void {
    FakeXhr.instances = [];
  }

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }

  send(body: unknown): void {
    this.body = body;
  }

  abort(): void {
    this.emit('abort');
  }

  /** Reports `loaded` of `total` bytes sent. */
  progress(loaded: number, total: number): void {
    this.upload.emit('progress', { lengthComputable: true, loaded, total });
  }

  /** Completes the request with a JSON body. */
  respond(status: number, body: unknown): void {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.emit('load');
  }
}
