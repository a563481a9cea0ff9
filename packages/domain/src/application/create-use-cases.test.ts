import { createInMemoryAdapters } from '@docent/adapters-inmemory';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../test-support/in-memory-world.ts';
import { PlainTextExtractor } from '../../test-support/plain-text-extractor.ts';
import { unusedPort } from '../../test-support/unused-port.ts';
import { ExtractiveAnswerer } from '../answering/extractive-answerer.ts';
import type { LlmGateway } from '../ports/llm-gateway.ts';
import type { OidcClient } from '../ports/oidc-client.ts';
import type { UploadSigner } from '../ports/upload-signer.ts';
import { TOKENS } from '../tokens.ts';
import { createUseCases } from './create-use-cases.ts';
import type { Ports } from './ports.ts';
import { USE_CASE_TOKENS } from './use-case-tokens.ts';

const basePorts = () => {
  const { UserDirectory: _directory, ...adapters } = createInMemoryAdapters();
  return { ...adapters, TextExtractor: new PlainTextExtractor(), Answerer: new ExtractiveAnswerer() };
};

const optionalPorts = (): Pick<Ports, 'LlmGateway' | 'OidcClient' | 'UploadSigner'> => ({
  LlmGateway: unusedPort<LlmGateway>('LlmGateway'),
  OidcClient: unusedPort<OidcClient>('OidcClient'),
  UploadSigner: unusedPort<UploadSigner>('UploadSigner'),
});

describe('createUseCases', () => {
  it('builds a use case for every use-case token, with every optional port given', () => {
    const ports = { ...basePorts(), ...optionalPorts(), UserDirectory: createInMemoryAdapters().UserDirectory };
    const useCases = createUseCases(ports);
    const portTokens = new Set(Object.keys(ports).map((name) => TOKENS[name as keyof typeof TOKENS]));
    const useCaseTokens = Object.values(TOKENS).filter((token) => !portTokens.has(token));
    const names = (tokens: symbol[]) => tokens.map((token) => token.description).sort();
    expect(names(Object.values(USE_CASE_TOKENS))).toEqual(names(useCaseTokens));
    for (const name of Object.keys(USE_CASE_TOKENS)) expect(useCases).toHaveProperty(name);
  });

  it('leaves out the use cases whose optional port is absent', () => {
    const useCases = createUseCases(basePorts());
    for (const name of ['startOidcLogin', 'finishOidcLogin', 'requestUpload', 'addUser', 'listUsers', 'findUser']) {
      expect(useCases).not.toHaveProperty(name);
    }
    expect(useCases.askQuestion).toBeDefined();
  });

  it('answers with the given ask runner instead of an in-process AskQuestion', async () => {
    const elsewhere = createWorld();
    const alice = await elsewhere.user();
    const document = await elsewhere.uploadText(alice, 'xz.txt', 'The default compression preset of xz is level six.');
    await elsewhere.drainJobs();
    const useCases = createUseCases(basePorts(), { askRunner: elsewhere.ask });
    const answer = await useCases.askQuestion.execute(alice, { question: 'What is the default preset of xz?' });
    expect(answer.citations.map((citation) => citation.documentId)).toEqual([document.id]);
  });
});
