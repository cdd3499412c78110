/** @module annotate/time  TEMPORARY stub: the time resolver replaces it. */
import type { Segmented, TimeExpression } from '../types.js';
export function findTimes(_seg: Segmented): TimeExpression[] { return []; }
