import { describe, expect, it } from 'vitest';
import { OwnershipLedger } from './ownership-ledger.ts';

// The isolation property test is only as strong as this checker: it must flag what it is meant to.
describe('OwnershipLedger', () => {
  it("flags another user's id anywhere in a body, and accepts ids its caller holds", () => {
    const ledger = new OwnershipLedger();
    ledger.grantId('doc-a', 'alice');
    ledger.claimId('chunk-b', 'bob');
    ledger.claimId('chunk-b', 'alice');
    const body = { sources: [{ documentId: 'doc-a', chunkId: 'chunk-b' }], nested: [['doc-a']] };
    expect(ledger.violations('alice', body)).toEqual(['id chunk-b of bob']);
    expect(ledger.violations('bob', body)).toEqual(['id doc-a of alice', 'id doc-a of alice']);
    expect(ledger.violations('carol', { id: 'unknown-id' })).toEqual([]);
  });

  it('flags secrets inside longer text unless the caller was granted them', () => {
    const ledger = new OwnershipLedger();
    const documentSecret = ledger.newSecret('document');
    const questionSecret = ledger.newSecret('question');
    expect(documentSecret).toMatch(/^xqz[a-z]{6}$/);
    expect(questionSecret).toMatch(/^qzx[a-z]{6}$/);
    expect(ledger.newSecret('document')).not.toBe(documentSecret);
    ledger.grantSecret(documentSecret, 'alice');
    ledger.grantSecret(questionSecret, 'bob');
    const body = { answer: `The fee ${documentSecret} applies.`, question: `Why ${questionSecret}?` };
    expect(ledger.violations('alice', body)).toEqual([`secret ${questionSecret} in "Why ${questionSecret}?"`]);
    expect(ledger.violations('bob', body)).toEqual([
      `secret ${documentSecret} in "The fee ${documentSecret} applies."`,
    ]);
    expect(ledger.violations('alice', { text: 'xqzzzzzzz' })).toEqual(['secret xqzzzzzzz in "xqzzzzzzz"']);
  });
});
