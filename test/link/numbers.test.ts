/** The linker reads number words as values, so "two dozen" in a source aligns with "24" in a copy. */
import { describe, expect, it } from 'vitest';
import { readNumberWords, tokenize } from '../../src/link/normalize.js';
import { loadLinkLexicon } from '../../src/link/lexicon.js';

const lex = loadLinkLexicon();
const values = (t: string) => readNumberWords(tokenize(t), lex, t).filter((x) => x.value !== null).map((x) => x.value);

describe('link number words', () => {
  it.each([
    ['two dozen hostages', [24]], ['one hundred and fifty prisoners', [150]], ['a hundred trucks', [100]],
    ['thirty-three hostages', [33]], ['2.3 million people', [2300000]], ['fifty names and ten names', [50, 10]],
  ])('%s', (text, want) => expect(values(text)).toEqual(want));

  it('leaves words that are not counts alone', () => {
    expect(values('one of them said bread and butter')).toEqual([]);
    expect(values('a man and two women')).toEqual([2]);
  });
});
