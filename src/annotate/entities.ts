/**
 * @module annotate/entities
 * Stage 3 (entities): `Segmented` + `Kb` -> `Entity[]`: mentions of people, organizations,
 * countries, groups and places (entities-mentions), resolved within the article and to stable
 * cross-article keys (resolve-article, resolve-kb).
 */
import type { Entity, Segmented } from '../types.js';
import type { Kb } from '../kb/index.js';
import { findRawMentions } from './entities-mentions.js';
import { resolveArticle } from './resolve-article.js';

export function findEntities(seg: Segmented, kb: Kb): Entity[] {
  if (!seg.analysable || !('trie' in kb)) return [];
  return resolveArticle(findRawMentions(seg, kb), kb);
}
