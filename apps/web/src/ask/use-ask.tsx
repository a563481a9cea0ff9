import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { messageOf } from '../api/api-error.ts';
import { askStream } from '../api/ask-stream.ts';
import type { Answer, AskRequest } from '../api/types.ts';

/** The state of the current question and the ways to ask or stop. */
export interface AskState {
  streaming: boolean;
  /** Text received so far for the question being answered. */
  partialText: string;
  /** The last complete answer. */
  answer: Answer | null;
  error: string | null;
  ask: (request: AskRequest) => void;
  stop: () => void;
}

/** Streams answers; a new question (or leaving the screen) cancels the one in flight. */
export const useAsk = (): AskState => {
  const api = useApi();
  const [streaming, setStreaming] = useState(false);
  const [partialText, setPartialText] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  const stop = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setStreaming(false);
  }, []);

  useEffect(() => () => controller.current?.abort(), []);

  const ask = useCallback(
    (request: AskRequest) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setStreaming(true);
      setPartialText('');
      setAnswer(null);
      setError(null);
      askStream(api, request, {
        signal: current.signal,
        onToken: (text) => {
          if (!current.signal.aborted) setPartialText((sofar) => sofar + text);
        },
      })
        .then((result) => {
          if (!current.signal.aborted) setAnswer(result);
        })
        .catch((thrown: unknown) => {
          if (!current.signal.aborted) setError(messageOf(thrown));
        })
        .finally(() => {
          if (controller.current === current) {
            controller.current = null;
            setStreaming(false);
          }
        });
    },
    [api],
  );

  return { streaming, partialText, answer, error, ask, stop };
};
