/** @module annotate/quantities  TEMPORARY stub: the quantity layer replaces it. */
import type { Quantity, Segmented } from '../types.js';
export function findQuantities(_seg: Segmented): Quantity[] { return []; }
