/** @module annotate/entities  TEMPORARY stub: the entity layer replaces it. */
import type { Entity, Segmented } from '../types.js';
import type { Kb } from '../kb/index.js';
export function findEntities(_seg: Segmented, _kb: Kb): Entity[] { return []; }
