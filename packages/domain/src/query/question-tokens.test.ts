import { describe, expect, it } from 'vitest';
import { isNameLike, tokenizeQuestion } from './question-tokens.ts';

const shapes = (q: string) => tokenizeQuestion(q).map((t) => `${t.text}:${t.shape}`);

describe('tokenizeQuestion', () => {
  it('tells identifiers, options, versions and numbers from words', () => {
    expect(shapes('Does url.parse() or XML_Parse or xmlReadFile take --max-time, -L, 2.0, v6, 900k, Node.js?')).toEqual(
      [
        'Does:word',
        'url.parse:code',
        'or:word',
        'XML_Parse:code',
        'or:word',
        'xmlReadFile:code',
        'take:word',
        '--max-time:code',
        '-L:option',
        '2.0:version',
        'v6:version',
        '900k:number',
        'Node.js:word',
      ],
    );
  });

  it('records possessives, calls, sentence starts and punctuation breaks', () => {
    const [screen, , , call] = tokenizeQuestion("screen's key? Then f() runs");
    expect(screen).toMatchObject({ text: 'screen', possessive: true, sentenceStart: true });
    expect(call).toMatchObject({ text: 'f', call: true, breakBefore: false });
    expect(tokenizeQuestion("screen's key? Then")[2]).toMatchObject({ sentenceStart: true, breakBefore: true });
  });

  it('takes coined words, acronyms and mid-sentence capitals for names, not ordinary or initial words', () => {
    const named = (q: string) =>
      tokenizeQuestion(q)
        .filter(isNameLike)
        .map((t) => t.text);
    expect(named('Nettle says the tool wget and GNU use Expat with BLAKE2b')).toEqual([
      'wget',
      'GNU',
      'Expat',
      'BLAKE2b',
    ]);
  });
});

describe('tokenizeQuestion: sigils and run-together versions', () => {
  it('reads a word behind @ or $ as an identifier', () => {
    const [, , reboot] = tokenizeQuestion('What does @reboot do?');
    expect(reboot).toMatchObject({ text: 'reboot', shape: 'code' });
    expect(tokenizeQuestion('Where is $HOME set?').find((t) => t.text === 'HOME')?.shape).toBe('code');
  });

  it('splits an acronym and its version (QPLv2) but not a coined name with digits', () => {
    expect(tokenizeQuestion('Is QPLv2 strict?').map((t) => [t.text, t.shape])).toEqual([
      ['Is', 'word'],
      ['QPL', 'word'],
      ['v2', 'version'],
      ['strict', 'word'],
    ]);
    expect(tokenizeQuestion('Is SHA256 strict?').map((t) => t.text)).toEqual(['Is', 'SHA256', 'strict']);
  });
});
