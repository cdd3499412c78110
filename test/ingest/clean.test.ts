/** The cleaner on texts written for these tests: junk rules, other-script lines, headings, the lexicon checks. */
import { describe, expect, it } from 'vitest';
import { clean, compileJunkLexicon, loadJunkLexicon } from '../../src/ingest/clean.js';
import { isParleyError } from '../../src/errors.js';

const marked = (text: string, title: string | null = null) => {
  const c = clean(text, { title });
  return {
    stripped: c.stripped.map((r) => [text.slice(r.start, r.end), r.reason]),
    headings: c.headings.map((h) => text.slice(h.start, h.end)),
    title: c.title,
  };
};

const BODY = [
  'The two delegations met in the capital on Monday for a third round of talks on the fishing quota.',
  'Officials said the mood had improved since the last meeting, although the main gaps remained.',
].join('\n');

describe('junk rules', () => {
  it('strips newsletter, comment, share, copyright, byline and footer lines; keeps the body', () => {
    const text = [
      'By Anna Lindqvist and Omar Haddad',
      BODY,
      'Sign up for our free newsletter',
      'Get the top stories delivered straight to your inbox every morning.',
      'Share on Facebook',
      'Facebook Twitter WhatsApp Email',
      'Read more: Regional News',
      '© 2031 The Valley Paper',
      'Copyright The Valley Paper. All rights reserved.',
      'Privacy Policy | Terms of Use | Contact Us',
      '12 Comments',
      'Tags: #harbour #quota',
      '(Reporting by Lena Ortiz; Editing by Paul Mercer)',
      'Lena Ortiz and Sam Okafor contributed reporting from the port.',
      'WIRE20310409000012ID99887766',
      'Listen to this article',
      '4 min read',
      'Story continues below advertisement',
      'Join our WhatsApp channel for updates',
      'Image source, Harbour Photo Agency',
    ].join('\n');
    expect(marked(text).stripped).toEqual([
      ['By Anna Lindqvist and Omar Haddad', 'junk/byline'],
      ['Sign up for our free newsletter', 'junk/newsletter'],
      ['Get the top stories delivered straight to your inbox every morning.', 'junk/newsletter'],
      ['Share on Facebook', 'junk/share'],
      ['Facebook Twitter WhatsApp Email', 'junk/share'],
      ['Read more: Regional News', 'junk/read-more'],
      ['© 2031 The Valley Paper', 'junk/copyright'],
      ['Copyright The Valley Paper. All rights reserved.', 'junk/copyright'],
      ['Privacy Policy | Terms of Use | Contact Us', 'junk/footer'],
      ['12 Comments', 'junk/comment-prompt'],
      ['Tags: #harbour #quota', 'junk/tags'],
      ['(Reporting by Lena Ortiz; Editing by Paul Mercer)', 'junk/byline'],
      ['Lena Ortiz and Sam Okafor contributed reporting from the port.', 'junk/byline'],
      ['WIRE20310409000012ID99887766', 'junk/tracking-id'],
      ['Listen to this article', 'junk/widget'],
      ['4 min read', 'junk/widget'],
      ['Story continues below advertisement', 'junk/read-more'],
      ['Join our WhatsApp channel for updates', 'junk/share'],
      ['Image source, Harbour Photo Agency', 'junk/credit'],
    ]);
  });

  it('keeps article sentences that merely mention the cue words', () => {
    const text = [
      BODY,
      '"It is just a matter of getting the other side to sign up," the mediator said.',
      'The union refused to subscribe to the ministry\'s reading of the figures, its leader told the press on Tuesday.',
      'Several officials shared details of the draft with reporters, who were asked not to publish the figures.',
      'The minister said she would follow the talks closely and comment once a text was agreed.',
    ].join('\n');
    expect(marked(text).stripped).toEqual([]);
  });

  it('absorbs a blurb only next to a stripped newsletter line', () => {
    const lone = `${BODY}\nResidents say they want to stay updated on the talks as the deadline nears.`;
    expect(marked(lone).stripped).toEqual([]);
  });

  it('strips a short stray line in a rare script, not a quoted name, not a whole article in that script', () => {
    const stray = `${BODY}\nاشترك الآن في نشرتنا الإخبارية المجانية\nThe next round is due on Friday.`;
    expect(marked(stray).stripped).toEqual([['اشترك الآن في نشرتنا الإخبارية المجانية', 'junk/other-script']]);
    const name = `${BODY}\nThe envoy, known locally as Абрамов, said little after the meeting ended on Monday evening.`;
    expect(marked(name).stripped).toEqual([]);
    const arabic = 'التقى الوفدان في العاصمة يوم الاثنين لجولة ثالثة من المحادثات.\nوقال المسؤولون إن الأجواء تحسنت منذ الاجتماع الأخير.';
    expect(marked(arabic).stripped).toEqual([]);
  });

  it('marks a UTF-8 byte order mark as a one-character stripped range', () => {
    expect(clean(`\uFEFF${BODY}`, { title: null }).stripped).toEqual([{ start: 0, end: 1, reason: 'junk/bom' }]);
  });
});

describe('cleaner on hostile sizes', () => {
  it('stays linear: a 60k-line newsletter chain and 60k heading hints', () => {
    const chain = `${'Delivered to your inbox every week\n'.repeat(60_000)}Sign up for our free newsletter`;
    let t = Date.now();
    const c = clean(chain, { title: null });
    expect(c.stripped.length).toBe(60_001);
    expect(Date.now() - t).toBeLessThan(10_000); // quadratic would take minutes
    const many = 'Short Heading Line Here\n'.repeat(60_000);
    const hints = Array.from({ length: 60_000 }, (_, i) => ({ start: i * 24, end: i * 24 + 23 }));
    t = Date.now();
    expect(clean(many, { title: null, headings: hints }).headings.length).toBe(60_000);
    expect(Date.now() - t).toBeLessThan(10_000); // quadratic would take minutes
  });
});

describe('headings and title', () => {
  it('finds short title-case lines, markdown headings; not sentences, datelines or lists of names', () => {
    const text = [
      'Envoy Returns to Cairo',
      BODY,
      'Envoy Returns to Cairo After Talks',
      'A Deal Within Reach?',
      '**Sticking Points**',
      '## What Comes Next',
      'Published March 3, 2031 at 10:15am',
      'The talks are expected to resume next week.',
      'Officials Said The Talks Had Stalled Again In The Capital On Monday Evening After Many Long Hours Of Debate',
      'He said it was a long process.',
    ].join('\n');
    const m = marked(text);
    expect(m.title).toBe('Envoy Returns to Cairo');
    expect(m.headings).toEqual(['Envoy Returns to Cairo', 'Envoy Returns to Cairo After Talks', 'A Deal Within Reach?', '**Sticking Points**', '## What Comes Next']);
  });

  it('takes short sentence-case lines set apart between paragraphs as headings, not wrapped fragments or bullets', () => {
    const text = [
      BODY,
      'Death toll',
      'Officials from both sides said the count would be published once the lists had been checked.',
      'The figures were shared with the mediator, who had asked for',
      'Stage two',
      'of the plan to be set out in writing before the next meeting.',
      '- Talks resume on Sunday',
      'The last line is short',
    ].join('\n');
    expect(marked(text).headings).toEqual(['Death toll']);
  });

  it('uses the metadata title when there is one, and marks its line as a heading', () => {
    const text = `Site Slogan Since 1990\nHarbour Talks Resume\n${BODY}`;
    const m = marked(text, 'Harbour Talks Resume');
    expect(m.title).toBe('Harbour Talks Resume');
    expect(m.headings).toEqual(['Site Slogan Since 1990', 'Harbour Talks Resume']);
  });

  it('takes a sentence-case headline first line as the title, not a bullet or a dateline', () => {
    expect(marked(`Harbour talks stall over licence numbers\n${BODY}`).title).toBe('Harbour talks stall over licence numbers');
    expect(marked(`- Talks resume on Sunday\n${BODY}`).title).toBeNull();
    expect(marked(`GENEVA:\n${BODY}`).title).toBeNull();
    expect(marked(`Published March 3, 2031 at 10:15am\n${BODY}`).title).toBeNull();
  });

  it('does not take a sentence or a one-line text as the title', () => {
    expect(marked(BODY).title).toBeNull();
    expect(marked('Envoy Returns to Cairo').title).toBeNull();
  });
});

describe('the junk lexicon file', () => {
  it('loads and compiles kb/lexicons/junk.json', () => {
    const lex = loadJunkLexicon();
    expect(lex.rules.length).toBeGreaterThan(5);
    expect(lex.rules.every((r) => r.id.startsWith('junk/'))).toBe(true);
  });

  it('rejects a bad entry with a message naming the file, the entry and the fix', () => {
    const base = { version: 1, otherScript: { id: 'junk/other-script', minShare: 0.2, minDominantShare: 0.6, maxWords: 40 }, headings: { minWords: 3, maxWords: 14, headlineMaxWords: 22, minCapShare: 0.75, minor: [] } };
    let err: unknown;
    try {
      compileJunkLexicon({ ...base, rules: [{ id: 'junk/x', pattern: '(unclosed', maxWords: 3 }] }, 'my-junk.json');
    } catch (e) {
      err = e;
    }
    expect(isParleyError(err)).toBe(true);
    expect((err as Error).message).toMatch(/my-junk\.json: rules\.0 \(junk\/x\): bad pattern/);
    expect(() => compileJunkLexicon({ ...base, rules: [{ id: 'Bad Id', pattern: 'x', maxWords: 3 }] }, 'my-junk.json')).toThrow(/my-junk\.json: rules\.0\.id/);
  });
});
