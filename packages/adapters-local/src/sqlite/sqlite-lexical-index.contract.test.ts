import { describeLexicalIndexContract } from '@docent/testing';
import { openTemporaryStore } from '../store/temporary-store.ts';

describeLexicalIndexContract('SqliteLexicalIndex', async () => {
  const { store, cleanup } = openTemporaryStore();
  return { index: store.LexicalIndex, cleanup };
});
