// Longest part of a server's error text quoted in our message: enough to diagnose, not a whole HTML page.
const MAX_SERVER_MESSAGE = 300;

/**
 * The human part of an error body: `{ error: { message } }` (OpenAI, llama.cpp, vLLM), `{ error: "..." }`
 * (Ollama), `{ message }`, else the raw text, shortened.
 */
export const serverMessage = (text: string): string => {
  let message = text.trim();
  try {
    message = errorMessageOf(JSON.parse(text)) ?? message;
  } catch {
    // Not JSON (a proxy's HTML page, plain text): quote it as it is.
  }
  if (message === '') return '(no message)';
  return message.length > MAX_SERVER_MESSAGE ? `${message.slice(0, MAX_SERVER_MESSAGE)}…` : message;
};

/** The message of an already parsed error body (see {@link serverMessage}); `undefined` when it carries none. */
export const errorMessageOf = (body: unknown): string | undefined => {
  const error = field(body, 'error');
  const found = [field(error, 'message'), error, field(body, 'message')].find((v) => typeof v === 'string');
  return typeof found === 'string' ? found : undefined;
};

/** A thrown value as text, with the cause's message that fetch hides behind `fetch failed` or `terminated`. */
export const describeError = (error: unknown): string => {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
};

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
