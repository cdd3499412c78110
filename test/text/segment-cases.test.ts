/** The segmenter on hand-written hard cases: abbreviations, quotes, brackets, ellipses, lines, headings, stripped ranges. */
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/text/segment.js';
import { splitSentences } from '../../src/text/sentences.js';
import { article, brokenInvariant, sentenceTexts } from './article.js';

const split = (text: string): string[] => splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end));

describe('sentence boundaries', () => {
  it.each([
    ['The U.S. Secretary of State arrived. He met the emir.', ['The U.S. Secretary of State arrived.', 'He met the emir.']],
    ['Talks moved to the U.N. Security Council on Friday.', ['Talks moved to the U.N. Security Council on Friday.']],
    ['Aid reached the U.K. The minister welcomed it.', ['Aid reached the U.K.', 'The minister welcomed it.']],
    ['Dr. Smith and Mr. Jones met Gen. Lee and Lt. Col. Adams.', ['Dr. Smith and Mr. Jones met Gen. Lee and Lt. Col. Adams.']],
    ['Sen. Cruz, Rep. Omar and Gov. Hochul spoke. Prof. Khan did not.', ['Sen. Cruz, Rep. Omar and Gov. Hochul spoke.', 'Prof. Khan did not.']],
    ['They met on St. Patrick\'s Day. Nothing came of it.', ["They met on St. Patrick's Day.", 'Nothing came of it.']],
    ['The deal was signed on Jan. 19 and Feb. 2. It held.', ['The deal was signed on Jan. 19 and Feb. 2.', 'It held.']],
    ['The truce began Nov. 22 at 7 a.m. local time.', ['The truce began Nov. 22 at 7 a.m. local time.']],
    ['It starts at 10 a.m. The army agreed.', ['It starts at 10 a.m.', 'The army agreed.']],
    ['Resolution No. 2334 was cited. No. It was not.', ['Resolution No. 2334 was cited.', 'No.', 'It was not.']],
    ['It was Israel vs. Hamas again.', ['It was Israel vs. Hamas again.']],
    ['Mediators, e.g. Qatar and Egypt, i.e. the guarantors, met.', ['Mediators, e.g. Qatar and Egypt, i.e. the guarantors, met.']],
    ['They sent food, water, fuel, etc. and medicine.', ['They sent food, water, fuel, etc. and medicine.']],
    ['They sent food, water, fuel, etc. Aid groups welcomed it.', ['They sent food, water, fuel, etc.', 'Aid groups welcomed it.']],
    ['Growth was 2.3 percent. Inflation was 4.5.', ['Growth was 2.3 percent.', 'Inflation was 4.5.']],
    ['John F. Kennedy and J.D. Vance were named. Then it ended.', ['John F. Kennedy and J.D. Vance were named.', 'Then it ended.']],
    ['"We accept," he said. "Now release them."', ['"We accept," he said.', '"Now release them."']],
    ['He said the deal was "done." Next came the vote.', ['He said the deal was "done."', 'Next came the vote.']],
    ['“Is this the end?” she asked. “No.”', ['“Is this the end?” she asked.', '“No.”']],
    ['The offer (a six-week truce.) Hamas refused.', ['The offer (a six-week truce.)', 'Hamas refused.']],
    ['Talks stalled... and then resumed. Wait… Nothing.', ['Talks stalled... and then resumed.', 'Wait…', 'Nothing.']],
    ['Five soldiers—one living and four dead—would go free. Hamas agreed.', ['Five soldiers—one living and four dead—would go free.', 'Hamas agreed.']],
    ['Is it over? Yes! It is.', ['Is it over?', 'Yes!', 'It is.']],
    ['Visit axios.com for more. Then read on.', ['Visit axios.com for more.', 'Then read on.']],
    ['1. The first phase begins.', ['1. The first phase begins.']],
    ['said. . These demands', ['said. .', 'These demands']],
    ['No terminal punctuation at all', ['No terminal punctuation at all']],
  ])('%s', (text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it('splits scripts without spaces after their full stops', () => {
    expect(split('停火开始。人质获释。')).toEqual(['停火开始。', '人质获释。']);
  });

  it('keeps the range: nothing before start or after end', () => {
    const text = 'xx One. Two. yy';
    const spans = splitSentences(text, 3, 12);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['One.', 'Two.']);
  });
});

describe('paragraphs, headings and stripped ranges', () => {
  it('breaks paragraphs at blank lines and keeps offsets exact with CRLF', () => {
    const text = 'First para. Still first.\r\n\r\nSecond para.\r\n';
    const seg = segment(article(text));
    expect(brokenInvariant(seg)).toBeNull();
    expect(seg.paragraphs.map((p) => text.slice(p.start, p.end))).toEqual(['First para. Still first.', 'Second para.']);
    expect(seg.sentences.map((s) => s.paragraph)).toEqual([0, 0, 1]);
  });

  it('reads each line as a paragraph, but joins a line wrapped inside prose', () => {
    const long = 'Reports shed light on the direct negotiations held between the two sides in the capital over several rounds, initiated by former President';
    const text = `A headline\nThis line ends here.\nThe next line does not end\nbut goes on in lowercase.\n${long}\nJohn Smith.\n- a bullet\n- another bullet`;
    const seg = segment(article(text));
    expect(brokenInvariant(seg)).toBeNull();
    expect(seg.paragraphs.map((p) => text.slice(p.start, p.end))).toEqual([
      'A headline', 'This line ends here.', 'The next line does not end\nbut goes on in lowercase.', `${long}\nJohn Smith.`, '- a bullet', '- another bullet',
    ]);
  });

  it('gives each heading its own sentence and paragraph, marked heading', () => {
    const text = 'Talks Resume in Cairo\nThe delegations met. They agreed\nKey Points\non nothing.';
    const h1 = { start: 0, end: 21 };
    const h2 = { start: text.indexOf('Key Points'), end: text.indexOf('Key Points') + 10 };
    const seg = segment(article(text, { headings: [h1, h2] }));
    expect(brokenInvariant(seg)).toBeNull();
    expect(sentenceTexts(seg)).toEqual(['Talks Resume in Cairo', 'The delegations met.', 'They agreed', 'Key Points', 'on nothing.']);
    expect(seg.sentences.map((s) => s.heading)).toEqual([true, false, false, true, false]);
  });

  it('leaves stripped ranges out, even in the middle of a sentence', () => {
    const text = 'Hamas agreed to the deal. SUBSCRIBE NOW to our newsletter! Israel said it would vote.';
    const junk = { start: text.indexOf('SUBSCRIBE'), end: text.indexOf('Israel'), reason: 'junk/newsletter' };
    const seg = segment(article(text, { stripped: [junk] }));
    expect(brokenInvariant(seg)).toBeNull();
    expect(sentenceTexts(seg)).toEqual(['Hamas agreed to the deal.', 'Israel said it would vote.']);
    const cut = { start: text.indexOf('the deal'), end: text.indexOf('the deal') + 8, reason: 'junk/test' };
    const seg2 = segment(article(text, { stripped: [cut] }));
    expect(brokenInvariant(seg2)).toBeNull();
    expect(sentenceTexts(seg2)[0]).toBe('Hamas agreed to');
  });

  it('survives overlapping, unsorted and out-of-range stripped ranges and headings', () => {
    const text = 'One. Two. Three.\nFour.';
    const seg = segment(article(text, {
      stripped: [{ start: 8, end: 12, reason: 'x' }, { start: 5, end: 9, reason: 'y' }, { start: 20, end: 999, reason: 'z' }, { start: -5, end: -1, reason: 'w' }],
      headings: [{ start: 14, end: 18 }, { start: 0, end: 2 }],
    }));
    expect(brokenInvariant({ ...seg, article: { ...seg.article, stripped: [], headings: [] } })).toBeNull();
    for (const s of seg.sentences) expect(s.end <= 5 || s.start >= 12).toBe(true);
  });

  it('returns nothing for empty or whitespace-only text', () => {
    for (const text of ['', '   \n\n\t ']) {
      const seg = segment(article(text));
      expect(seg.sentences).toEqual([]);
      expect(seg.paragraphs).toEqual([]);
    }
  });
});
