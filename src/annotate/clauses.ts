/** @module annotate/clauses  TEMPORARY stub: attribution and modality replace it. */
import type { Clause, Entity, Segmented } from '../types.js';
export function findClauses(_seg: Segmented, _entities: Entity[]): Clause[] { return []; }
