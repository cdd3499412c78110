/**
 * @module record/schema
 * The only definition of the public export formats `parley.record/1` and `parley.links/1`
 * (../shared/spec/RECORD.md). Types are inferred from these schemas; the JSON Schema files in
 * `schema/` are generated from them (`npm run schema`) and a test checks them for drift.
 */
import { z } from 'zod';

const offset = z.number().int().nonnegative();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const EntityTypeSchema = z.enum(['person', 'organization', 'country', 'group', 'place', 'other']);

export const MentionSchema = z.object({ start: offset, end: offset, text: z.string() });

export const RecordEntitySchema = z.object({
  id: z.string(),
  key: z.string().regex(/^[a-z]+:[^\s]+$/, 'a key as prefix:slug'),
  name: z.string(),
  type: EntityTypeSchema,
  role: z.string().nullable().optional(),
  mentions: z.array(MentionSchema),
});

export const RecordQuantitySchema = z.object({
  value: z.number(),
  approx: z.boolean(),
  unit: z.string().nullable(),
  what: z.string().nullable(),
  start: offset,
  end: offset,
  text: z.string(),
});

export const PloverTypeSchema = z.enum(['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT']);

export const ModalitySchema = z.enum(['asserted', 'future', 'hypothetical', 'negated']);

export const RecordEventSchema = z.object({
  type: PloverTypeSchema,
  mode: z.string().nullable(),
  actor: z.string().nullable(),
  target: z.string().nullable(),
  modality: ModalitySchema,
  source: z.string().nullable(),
  date: date.nullable(),
  issue: z.string().nullable(),
  start: offset,
  end: offset,
  text: z.string(),
});

const TermDetailSchema = z.object({ count: z.number(), what: z.string() });

export const RecordProposalSchema = z.object({
  id: z.string(),
  proposer: z.string().nullable(),
  status: z.enum(['proposed', 'countered', 'accepted', 'rejected', 'withdrawn', 'agreed']),
  date: date.nullable(),
  terms: z.array(z.object({
    party: z.string().nullable(),
    count: z.number(),
    what: z.string(),
    detail: z.array(TermDetailSchema).optional(),
  })),
  conditions: z.array(z.string()),
  issues: z.array(z.string()),
  start: offset,
  end: offset,
});

export const DocSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  published: date.nullable(),
  language: z.string().nullable(),
});

export const ParleyRecordSchema = z.object({
  schema: z.literal('parley.record/1'),
  doc: DocSchema,
  /** The extracted plain text, carried for HTML and feed inputs whose offsets index it. */
  text: z.string().optional(),
  entities: z.array(RecordEntitySchema),
  quantities: z.array(RecordQuantitySchema),
  events: z.array(RecordEventSchema),
  proposals: z.array(RecordProposalSchema),
});

export const LinkKindSchema = z.enum(['duplicate', 'rewrite', 'translation', 'same-event']);

export const LinkPairSchema = z.object({
  a: z.string(),
  b: z.string(),
  kind: LinkKindSchema,
  source: z.string().nullable(),
  score: z.number(),
  evidence: z.array(z.object({ a: z.tuple([offset, offset]), b: z.tuple([offset, offset]) })).optional(),
  /** What the copy changed relative to its source (or relative to `a` when the source is unknown). */
  changes: z.array(z.object({
    kind: z.enum(['number', 'name', 'title', 'attribution-dropped', 'sentence-added', 'sentence-dropped']),
    a: z.object({ start: offset, end: offset, text: z.string() }).nullable(),
    b: z.object({ start: offset, end: offset, text: z.string() }).nullable(),
  })).optional(),
});

const DocSpanSchema = z.object({ doc: z.string(), start: offset, end: offset });

export const ParleyLinksSchema = z.object({
  schema: z.literal('parley.links/1'),
  pairs: z.array(LinkPairSchema),
  contradictions: z.array(z.object({ a: DocSpanSchema, b: DocSpanSchema, about: z.string() })),
});

export type ParleyRecord = z.infer<typeof ParleyRecordSchema>;
export type RecordEntity = z.infer<typeof RecordEntitySchema>;
export type RecordQuantity = z.infer<typeof RecordQuantitySchema>;
export type RecordEvent = z.infer<typeof RecordEventSchema>;
export type RecordProposal = z.infer<typeof RecordProposalSchema>;
export type ParleyLinks = z.infer<typeof ParleyLinksSchema>;
export type LinkPair = z.infer<typeof LinkPairSchema>;
export type LinkKind = z.infer<typeof LinkKindSchema>;
