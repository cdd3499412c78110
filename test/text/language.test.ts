/** Language identification: English corpus text, texts written in other languages, metadata, short texts. */
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/text/segment.js';
import { identifyLanguage, normalizeTag } from '../../src/text/language.js';
import { article, corpusArticles } from './article.js';

const FRENCH = `Les négociations entre les deux parties ont repris mardi au Caire, sous l'égide de l'Égypte et du Qatar.
Selon des sources proches du dossier, les médiateurs espèrent parvenir à un accord dans les prochains jours,
mais plusieurs points restent en suspens, notamment le calendrier du retrait et le nombre de prisonniers libérés.`;
const ARABIC = `استؤنفت المفاوضات بين الطرفين يوم الثلاثاء في القاهرة برعاية مصر وقطر، وقالت مصادر مطلعة إن الوسطاء يأملون
في التوصل إلى اتفاق خلال الأيام المقبلة، لكن عدة نقاط لا تزال عالقة، من بينها جدول الانسحاب وعدد الأسرى الذين سيفرج عنهم.`;
const HEBREW = `המשא ומתן בין הצדדים התחדש ביום שלישי בקהיר בתיווך מצרים וקטר. לדברי גורמים המעורים בפרטים, המתווכים מקווים
להגיע להסכם בימים הקרובים, אך כמה נקודות עדיין שנויות במחלוקת, ובהן לוח הזמנים של הנסיגה ומספר האסירים שישוחררו.`;
const GERMAN = `Die Verhandlungen zwischen den beiden Seiten wurden am Dienstag in Kairo unter der Vermittlung Ägyptens und Katars
wieder aufgenommen. Nach Angaben von Quellen hoffen die Vermittler, in den kommenden Tagen eine Einigung zu erzielen, doch
mehrere Punkte sind noch offen, darunter der Zeitplan für den Rückzug und die Zahl der freizulassenden Gefangenen.`;

describe('language identification', () => {
  it('reads an English corpus article as en', () => {
    const a = corpusArticles().find((x) => x.id.startsWith('dev/'))!;
    const seg = segment(a);
    expect(seg.language).toBe('en');
    expect(seg.analysable).toBe(true);
  });

  it.each([['fr', FRENCH], ['ar', ARABIC], ['he', HEBREW], ['de', GERMAN]])('flags a %s text as not English', (code, text) => {
    const seg = segment(article(text));
    expect(seg.language).toBe(code);
    expect(seg.analysable).toBe(false);
    const msg = seg.messages.find((m) => m.ruleId === 'text/not-english');
    expect(msg?.source).toBe('text');
    expect(msg?.reason).toContain(code);
  });

  it.each([
    ['ar', 'استؤنفت المفاوضات في القاهرة'],
    ['he', 'המשא ומתן התחדש בקהיר'],
    ['ru', 'Переговоры возобновились в Каире во вторник при посредничестве Египта и Катара.'],
    ['zh', '停火协议于周日生效，首批人质获释。'],
  ])('flags a short %s text as not English', (code, text) => {
    const seg = segment(article(text));
    expect(seg.language).toBe(code);
    expect(seg.analysable).toBe(false);
  });

  it('keeps sentences of a non-English article (stored and flagged, not dropped)', () => {
    const seg = segment(article(FRENCH));
    expect(seg.sentences.length).toBeGreaterThan(1);
  });

  it('lets plausible metadata win, and overrides metadata the text contradicts', () => {
    expect(segment(article(FRENCH, { language: 'fr-FR' })).language).toBe('fr');
    const en = corpusArticles()[0]!;
    const wrong = segment({ ...en, language: 'fr' });
    expect(wrong.language).toBe('en');
    expect(wrong.messages.some((m) => m.ruleId === 'text/language-mismatch')).toBe(true);
    const latin = segment(article(FRENCH, { language: 'en-GB' }));
    expect(latin.language).toBe('fr');
    expect(latin.messages.some((m) => m.ruleId === 'text/language-mismatch')).toBe(true);
    const script = segment(article(ARABIC, { language: 'en' }));
    expect(script.language).toBe('ar');
    expect(script.analysable).toBe(false);
  });

  it('falls back on metadata, then English stopwords, for short texts', () => {
    expect(segment(article('Hamas rejects the offer', { language: 'en' })).language).toBe('en');
    expect(segment(article('Talks resume in Cairo after the break')).language).toBe('en');
    expect(segment(article('Otra ronda en El Cairo', { language: 'es' })).language).toBe('es');
    const bare = segment(article('Doha Cairo Gaza'));
    expect(bare.language).toBe('und');
    expect(bare.analysable).toBe(true);
  });

  it('normalises metadata tags', () => {
    expect(normalizeTag('en-US')).toBe('en');
    expect(normalizeTag('ENG')).toBe('en');
    expect(normalizeTag('heb')).toBe('he');
    expect(normalizeTag('xx')).toBeNull();
    expect(normalizeTag('')).toBeNull();
    const bad = identifyLanguage(article('x', { language: 'klingon' }), ['The talks resumed in Cairo on Tuesday after a pause of two weeks, and the mediators said they were hopeful that a deal could be reached.']);
    expect(bad.language).toBe('en');
    expect(bad.messages.some((m) => m.ruleId === 'text/bad-language-tag')).toBe(true);
  });

  it('reads an English article with a block of Arabic junk as English', () => {
    const a = corpusArticles()[1]!;
    const seg = segment({ ...a, text: a.text + '\n' + ARABIC.slice(0, 80) });
    expect(seg.language).toBe('en');
  });
});
