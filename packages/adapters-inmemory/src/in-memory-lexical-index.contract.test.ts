import { describeLexicalIndexContract } from '@docent/testing';
import { InMemoryLexicalIndex } from './in-memory-lexical-index.ts';

describeLexicalIndexContract('InMemoryLexicalIndex', async () => ({ index: new InMemoryLexicalIndex() }));
