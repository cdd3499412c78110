/**
 * @module text/nlp
 * The one shared wink-nlp instance (English lite model), loaded on first use so that commands
 * that never analyse text (ls, show, export) start fast.
 */
import { createRequire } from 'node:module';
import type { WinkMethods, Model } from 'wink-nlp';

const require = createRequire(import.meta.url);
let nlp: WinkMethods | null = null;

export function getNlp(): WinkMethods {
  if (!nlp) {
    const winkNLP = require('wink-nlp') as (m: Model, pipe?: string[]) => WinkMethods;
    const model = require('wink-eng-lite-web-model') as Model;
    nlp = winkNLP(model);
  }
  return nlp;
}
