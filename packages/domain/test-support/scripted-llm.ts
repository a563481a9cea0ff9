import type {
  LlmGateway,
  LlmGenerateOptions,
  LlmPricing,
  LlmRequest,
  LlmResponse,
  LlmUsage,
} from '../src/ports/llm-gateway.ts';

/** What the scripted model does for one request: reply with this text (and usage), or fail. */
export type ScriptedStep =
  | string
  | { text: string; usage?: LlmUsage; finishReason?: LlmResponse['finishReason'] }
  | Error;

/** Options of {@link ScriptedLlm}. */
export interface ScriptedLlmOptions {
  /** Default `scripted:test-model`. */
  id?: string;
  pricing?: LlmPricing;
}

// Cuts a reply into up to three pieces at spaces, the way a streaming provider delivers it.
const deltasOf = (text: string): string[] => {
  const cuts = [Math.floor(text.length / 3), Math.floor((2 * text.length) / 3)].map((at) => {
    const space = text.indexOf(' ', at);
    return space < 0 ? text.length : space;
  });
  const pieces = [text.slice(0, cuts[0]), text.slice(cuts[0], cuts[1]), text.slice(cuts[1])];
  return pieces.filter((piece) => piece.length > 0);
};

/**
 * A test double of `LlmGateway`: answers each request with the next scripted step, records every
 * request, and streams a reply to `onText` in a few deltas. An exhausted script is a test bug and
 * fails loudly.
 */
export class ScriptedLlm implements LlmGateway {
  /** The id given, or `scripted:test-model`. */
  readonly id: string;
  /** The price given, if any. */
  readonly pricing: LlmPricing | undefined;
  /** Every request received, oldest first. */
  readonly requests: LlmRequest[] = [];
  /** Every delta sent to `onText`, in order. */
  readonly deltas: string[] = [];
  readonly #steps: ScriptedStep[];

  constructor(steps: readonly ScriptedStep[] = [], options: ScriptedLlmOptions = {}) {
    this.id = options.id ?? 'scripted:test-model';
    this.pricing = options.pricing;
    this.#steps = [...steps];
  }

  /** Queues further steps. */
  script(...steps: ScriptedStep[]): void {
    this.#steps.push(...steps);
  }

  /** Replies with the next step; rejects with `signal.reason` when already aborted. */
  async generate(request: LlmRequest, options: LlmGenerateOptions = {}): Promise<LlmResponse> {
    options.signal?.throwIfAborted();
    this.requests.push(request);
    const step = this.#steps.shift();
    if (step === undefined) throw new Error('ScriptedLlm: no scripted step left');
    if (step instanceof Error) throw step;
    const reply = typeof step === 'string' ? { text: step } : step;
    if (options.onText !== undefined) {
      for (const delta of deltasOf(reply.text)) {
        this.deltas.push(delta);
        options.onText(delta);
      }
    }
    return {
      text: reply.text,
      finishReason: reply.finishReason ?? 'stop',
      ...(reply.usage === undefined ? {} : { usage: reply.usage }),
    };
  }
}
