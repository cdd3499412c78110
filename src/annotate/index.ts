/**
 * @module annotate
 * Stage 3: `Segmented` -> `Annotated`: entities (resolved to stable keys), quantities, time
 * expressions resolved against the publication date, and clauses with attribution and modality.
 */
import type { Annotated, Segmented } from '../types.js';
import type { Kb } from '../kb/index.js';
import { findEntities } from './entities.js';
import { findQuantities } from './quantities.js';
import { findTimes } from './time.js';
import { findClauses } from './clauses.js';

export interface AnnotateOptions {}

export function annotate(seg: Segmented, kb: Kb, _opts: AnnotateOptions = {}): Annotated {
  const entities = findEntities(seg, kb);
  const quantities = findQuantities(seg);
  const times = findTimes(seg);
  const clauses = findClauses(seg, entities);
  return { ...seg, entities, quantities, times, clauses };
}
