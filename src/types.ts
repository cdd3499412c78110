/**
 * @module types
 * The typed values that flow between Parley's stages:
 * `Article` (ingest) -> `Segmented` (text) -> `Annotated` (annotate) -> record (record).
 * Every offset is a JavaScript string index (UTF-16 code units, end exclusive) into
 * `Article.text`, which is the text exactly as read: nothing is ever cut out of it.
 */

/** A half-open range of `Article.text`. */
export interface Span {
  start: number;
  end: number;
}

/** Site junk kept aside by the cleaner: newsletter blocks, share lines, stray other-script lines. */
export interface StrippedRange extends Span {
  /** Why it was stripped, as a rule id: `junk/newsletter`, `junk/comment-prompt`, `junk/other-script`... */
  reason: string;
}

export type SourceKind = 'txt' | 'html' | 'json' | 'jsonl' | 'feed' | 'url' | 'stdin';

/** One article as read from any source, before any analysis. */
export interface Article {
  /** Stable name: the input file name without extension, or a slug derived from url/title for other sources. */
  id: string;
  /** The text exactly as read (txt) or as extracted from HTML (html, feeds, urls). */
  text: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  /** Publication date, YYYY-MM-DD, or null. */
  published: string | null;
  /** ISO 639-1 code when the source says so (html lang, json field); the text stage identifies it otherwise. */
  language: string | null;
  source: {
    kind: SourceKind;
    /** The file path, URL or `-` it came from; for items of a feed or a jsonl file, `path#n`. */
    path: string | null;
  };
  /** Junk ranges of `text`, ordered, never overlapping. */
  stripped: StrippedRange[];
  /** Heading lines inside `text` (short title-case lines), ordered. */
  headings: Span[];
}

/** A message a stage leaves on a document, after vfile-message: a place, a rule and a sender. */
export interface StageMessage extends Partial<Span> {
  reason: string;
  ruleId: string;
  source: string;
}

export interface Sentence extends Span {
  /** Index into `Segmented.paragraphs`. */
  paragraph: number;
  /** True when the sentence is a heading line (or the headline). */
  heading: boolean;
}

export interface Segmented {
  article: Article;
  /** ISO 639-1 code, or `und` when it cannot be told. */
  language: string;
  /** Whether the article is analysed as English; articles in other languages are stored and flagged only. */
  analysable: boolean;
  /** Paragraphs of kept text (stripped ranges excluded). */
  paragraphs: Span[];
  /** Sentences of kept text, ordered; every one equals `text.slice(start, end)` trimmed of nothing. */
  sentences: Sentence[];
  messages: StageMessage[];
}

export type EntityType = 'person' | 'organization' | 'country' | 'group' | 'place' | 'other';

export interface EntityMention extends Span {
  text: string;
}

export interface Entity {
  /** Unique within one article: e1, e2... */
  id: string;
  /** Stable across articles: `prefix:slug` (person:steve-witkoff). */
  key: string;
  name: string;
  type: EntityType;
  role: string | null;
  mentions: EntityMention[];
  /** How sure the resolver is of `key` (1 for a knowledge-base alias match). */
  confidence: number;
}

export interface Quantity extends Span {
  value: number;
  approx: boolean;
  /** Singular lemma of what is counted (prisoner, hostage, day, percent, dollar). */
  unit: string | null;
  /** The counted phrase as written. */
  what: string | null;
  text: string;
}

export interface TimeExpression extends Span {
  text: string;
  /** Resolved day, YYYY-MM-DD, or null when the text does not pin one. */
  date: string | null;
  /** How precisely `date` is known. */
  grain: 'day' | 'week' | 'month' | 'year' | 'unresolved';
  /** Normalised value at its grain, TIMEX3 style: 2025-01-15, 2025-W03, 2025-01, 2025 (set for years although `date` is null). */
  value?: string;
  /** The rule that resolved it (`time/weekday-past`, `time/absolute`...), for explanations. */
  rule?: string;
}

export type Modality = 'asserted' | 'future' | 'hypothetical' | 'negated';

export interface Attribution extends Span {
  /** The source as written: "Israeli officials", "a source familiar with the talks", "Axios". */
  text: string;
  /** The entity id (in `Annotated.entities`) the claim is attributed to, when it names or implies one. */
  entity: string | null;
}

/** A clause of a sentence with what it is reported as and on whose word. */
export interface Clause extends Span {
  sentence: number;
  modality: Modality;
  /** The rule or cue word that set the modality (`modality/would`), for explanations. */
  modalityCue: string | null;
  attribution: Attribution | null;
}

export interface Annotated extends Segmented {
  entities: Entity[];
  quantities: Quantity[];
  times: TimeExpression[];
  clauses: Clause[];
}
