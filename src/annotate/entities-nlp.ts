/**
 * @module annotate/entities-nlp
 * A wink-nlp instance for the entity chunker with only sentence splitting and POS tagging in
 * its pipe: about twice as fast as the full pipe (no NER, negation or sentiment), loaded on first use.
 */
import { createRequire } from 'node:module';
import type { WinkMethods, Model } from 'wink-nlp';

const require = createRequire(import.meta.url);
let nlp: WinkMethods | null = null;

export function getPosNlp(): WinkMethods {
  if (!nlp) {
    const winkNLP = require('wink-nlp') as (m: Model, pipe?: string[]) => WinkMethods;
    nlp = winkNLP(require('wink-eng-lite-web-model') as Model, ['sbd', 'pos']);
  }
  return nlp;
}
