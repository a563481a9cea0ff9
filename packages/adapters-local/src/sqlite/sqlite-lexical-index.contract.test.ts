import { describeLexicalIndexContract } from '@docent/testing';
import { openTemporaryStore } from '../../test-support/temporary-store.ts';

describeLexicalIndexContract('SqliteLexicalIndex', async () => {
  const { store, cleanup } = openTemporaryStore();
  return { index: store.LexicalIndex, cleanup };
});
