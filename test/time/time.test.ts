/** The time resolver on hand-written sentences with fixed publication dates. */
import { describe, expect, it } from 'vitest';
import { findTimes } from '../../src/annotate/time.js';
import { segment } from '../../src/text/segment.js';
import type { TimeExpression } from '../../src/types.js';
import { article } from '../text/article.js';

const WED = '2024-01-17'; // a Wednesday
const times = (text: string, published: string | null = WED): TimeExpression[] => findTimes(segment(article(text, { published })));
const one = (text: string, published: string | null = WED): Pick<TimeExpression, 'text' | 'date' | 'grain'> => {
  const found = times(text, published);
  expect(found, JSON.stringify(found)).toHaveLength(1);
  const { text: t, date, grain } = found[0]!;
  return { text: t, date, grain };
};

describe('weekdays in news usage (published Wednesday 2024-01-17)', () => {
  it.each([
    ['Hamas said on Tuesday that it had accepted.', 'Tuesday', '2024-01-16'],
    ['Talks resumed on Friday in Cairo.', 'Friday', '2024-01-12'],
    ['The cabinet met Wednesday to vote.', 'Wednesday', '2024-01-17'],
    ['Officials said Monday the offer was rejected.', 'Monday', '2024-01-15'],
    ['The delegations will meet on Tuesday.', 'Tuesday', '2024-01-23'],
    ['The envoy is expected to arrive Friday.', 'Friday', '2024-01-19'],
    ['Hostages would be freed on Sunday, officials said.', 'Sunday', '2024-01-21'],
    ['The ceasefire is set to begin on Saturday.', 'Saturday', '2024-01-20'],
    ['On Sunday, the truce will take effect.', 'Sunday', '2024-01-21'],
    ['The truce expires at midnight on Friday.', 'midnight on Friday', '2024-01-19'],
    ['The group has until Sunday to respond.', 'Sunday', '2024-01-21'],
    ['Hamas missed the Friday deadline.', 'Friday', '2024-01-12'],
    ['Hostages are to be released on Sunday.', 'Sunday', '2024-01-21'],
    ['Hostages were released on Sunday.', 'Sunday', '2024-01-14'],
    ["Thursday's meeting was tense.", 'Thursday', '2024-01-11'],
    ['Envoys will travel with Mohammed on Friday.', 'Friday', '2024-01-19'],
    ['On Sunday Hamas released four soldiers.', 'Sunday', '2024-01-14'],
    ['Netanyahu said Sunday Israel would not stop.', 'Sunday', '2024-01-14'],
    ['He spoke last Tuesday.', 'last Tuesday', '2024-01-16'],
    ['He spoke last Wednesday.', 'last Wednesday', '2024-01-10'],
    ['They vote next Tuesday.', 'next Tuesday', '2024-01-23'],
    ['They vote next Thursday.', 'next Thursday', '2024-01-18'],
    ['Fighting resumed late Tuesday.', 'late Tuesday', '2024-01-16'],
    ['The strikes came on Friday night.', 'Friday night', '2024-01-12'],
  ])('%s', (text, expr, date) => {
    expect(one(text)).toEqual({ text: expr, date, grain: 'day' });
  });

  it('reads a future clause after a past verb in the same sentence', () => {
    const [t] = times('Hamas said it will release three hostages on Sunday.');
    expect(t).toMatchObject({ text: 'Sunday', date: '2024-01-21' });
    const both = times('Israel, which struck Gaza on Monday, will send a team on Tuesday.');
    expect(both.map((x) => x.date)).toEqual(['2024-01-15', '2024-01-23']);
    const later = times('Ukraine put forward a plan at talks on Tuesday under which it would become neutral.');
    expect(later.map((x) => x.date)).toEqual(['2024-01-16']);
  });

  it('does not read "Sunday Times" or abbreviations like "Sat" as days', () => {
    expect(times('The Sunday Times reported the offer.')).toEqual([]);
    expect(times('Officials sat down with the mediators.')).toEqual([]);
  });
});

describe('relative days, weeks and months', () => {
  it.each([
    ['The offer came yesterday.', 'yesterday', '2024-01-16', 'day'],
    ['It ended two days ago.', 'two days ago', '2024-01-15', 'day'],
    ['Talks broke down a week ago.', 'a week ago', '2024-01-08', 'week'],
    ['Qatar hosted talks earlier this month.', 'earlier this month', '2024-01-01', 'month'],
    ['The envoy returns next week.', 'next week', '2024-01-22', 'week'],
    ['The envoy came last week.', 'last week', '2024-01-08', 'week'],
    ['More talks are planned this week.', 'this week', '2024-01-15', 'week'],
    ['Prices rose last month.', 'last month', '2023-12-01', 'month'],
    ['The vote is today.', 'today', '2024-01-17', 'day'],
  ])('%s', (text, expr, date, grain) => {
    expect(one(text)).toEqual({ text: expr, date, grain });
  });

  it('crosses year boundaries', () => {
    expect(one('The truce collapsed three days ago.', '2024-01-02')).toMatchObject({ date: '2023-12-30' });
    expect(one('Talks resume next week.', '2023-12-29')).toMatchObject({ date: '2024-01-01', grain: 'week' });
  });
});

describe('calendar dates', () => {
  it.each([
    ['The truce will start March 4.', 'March 4', '2024-03-04'],
    ['It was signed on 4 March 2025.', '4 March 2025', '2025-03-04'],
    ['The pause began Nov. 22.', 'Nov. 22', '2023-11-22'],
    ['The attack on October 7, 2023 started the war.', 'October 7, 2023', '2023-10-07'],
    ['Since October 7 the fighting has not stopped.', 'October 7', '2023-10-07'],
    ['The deal takes effect on January 19.', 'January 19', '2024-01-19'],
    ['Sunday, Nov. 18, 2012 was the day.', 'Sunday, Nov. 18, 2012', '2012-11-18'],
    ['Updated 15.01.2025 in the evening.', '15.01.2025', '2025-01-15'],
    ['Filed 03.01.2024 from Kyiv.', '03.01.2024', '2024-01-03'],
  ])('%s', (text, expr, date) => {
    expect(one(text)).toEqual({ text: expr, date, grain: 'day' });
  });

  it('uses a weekday written with a date to choose its year', () => {
    // 22 November was a Wednesday in 2023; a story of 2024-01-17 that says "Wednesday, Nov. 22" means 2023.
    expect(one('On Wednesday, Nov. 22, the deal was announced.')).toMatchObject({ date: '2023-11-22' });
  });

  it('takes months without a day at grain month, in the year the tense points to', () => {
    expect(one('Elections are due in March.')).toEqual({ text: 'March', date: '2024-03-01', grain: 'month' });
    expect(one('The talks collapsed in October.')).toEqual({ text: 'October', date: '2023-10-01', grain: 'month' });
    expect(one('Talks began in mid-January.')).toEqual({ text: 'mid-January', date: '2024-01-01', grain: 'month' });
    expect(one('The war began in October 2023.')).toEqual({ text: 'October 2023', date: '2023-10-01', grain: 'month' });
  });

  it('rejects lowercase month words and non-dates', () => {
    expect(times('Protesters march on the capital and may return.')).toEqual([]);
    expect(times('Boys aged 12 to 18 and 24/7 coverage.')).toEqual([]);
    expect(times('A 42-day ceasefire for six weeks.')).toEqual([]);
  });
});

describe('years, clock times, vague and anaphoric expressions', () => {
  it('gives bare years grain year, date null, the year in value', () => {
    const found = times('Talks failed in 2014 and again between 2021 and 2022, as the 1967 lines were disputed; 2000 people marched.');
    expect(found.map((t) => [t.text, t.date, t.grain, t.value])).toEqual([
      ['2014', null, 'year', '2014'], ['2021', null, 'year', '2021'], ['2022', null, 'year', '2022'], ['1967', null, 'year', '1967'],
    ]);
    expect(one('Elections come later this year.')).toEqual({ text: 'later this year', date: null, grain: 'year' });
  });

  it('keeps clock times, vague and anaphoric phrases unresolved', () => {
    expect(one('The truce starts at 7 a.m. local time.')).toEqual({ text: '7 a.m.', date: null, grain: 'unresolved' });
    expect(one('In recent days the talks stalled.')).toEqual({ text: 'In recent days', date: null, grain: 'unresolved' });
    expect(one('They met again the next day.')).toEqual({ text: 'the next day', date: null, grain: 'unresolved' });
    expect(one('Three days later the truce collapsed.')).toEqual({ text: 'Three days later', date: null, grain: 'unresolved' });
  });

  it('keeps everything that needs a publication date unresolved when there is none, and resolves full dates', () => {
    const found = times('They met on Tuesday, two days ago, and will meet on March 4, 2024 and on 5 May.', null);
    expect(found.map((t) => [t.text, t.date, t.grain])).toEqual([
      ['Tuesday', null, 'unresolved'], ['two days ago', null, 'unresolved'], ['March 4, 2024', '2024-03-04', 'day'], ['5 May', null, 'unresolved'],
    ]);
  });

  it('ignores a malformed publication date rather than guessing', () => {
    expect(one('They met on Tuesday.', '2024-13-45')).toMatchObject({ date: null, grain: 'unresolved' });
  });
});

describe('offsets', () => {
  it('gives offsets into the article text, inside kept sentences only', () => {
    const text = 'Headline here\n\nHamas said on Tuesday it agreed. JUNK Friday JUNK. Israel will vote on Sunday.';
    const junk = { start: text.indexOf('JUNK'), end: text.lastIndexOf('JUNK') + 5, reason: 'junk/test' };
    const found = findTimes(segment(article(text, { published: WED, stripped: [junk] })));
    expect(found.map((t) => text.slice(t.start, t.end))).toEqual(['Tuesday', 'Sunday']);
    for (const t of found) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('finds nothing in empty text', () => {
    expect(findTimes(segment(article('', { published: WED })))).toEqual([]);
  });
});
