/**
 * Hand-made texts for the linker tests, written for these tests (a fictional negotiation over
 * a river dam between two invented countries), and helpers to make LinkDocs from plain text.
 */
import type { LinkDoc } from '../../src/link/index.js';
import { joinFragments } from '../../src/link/index.js';

export const ORIGIN = [
  'Negotiators from Velmora and Ostrany met in the lakeside city of Carrow on Tuesday for a third round of talks over the Tarn river dam, officials said.',
  'The Velmoran delegation, led by water minister Ilse Baraket, proposed releasing 50 million cubic metres of water each month during the dry season.',
  'Ostrany rejected the offer, saying its farmers needed at least 80 million cubic metres to save the spring harvest, according to foreign ministry spokesman Tomas Quill.',
  'Mediators from the regional council presented a compromise that would link the monthly releases to rainfall measured at four gauging stations.',
  'Both sides agreed to set up a joint technical committee of 12 engineers to check the gauges and publish the readings every week.',
  'Baraket told reporters after the session that the committee could start work within 30 days if the two parliaments approve the plan.',
  'Quill said Ostrany would not sign any deal that left the dam under the sole control of Velmoran engineers.',
  'The next round of talks is planned for early May in the northern town of Hesk.',
];

export const UNRELATED = [
  'A court in the port city of Lisvane sentenced two shipping executives to prison on Friday for falsifying cargo records.',
  'Prosecutors said the men had hidden more than 300 containers of banned pesticides among shipments of garden furniture.',
  'The judge ordered the company to pay a fine of 4 million crowns and to fund a clean-up of the harbour.',
  'Lawyers for the executives said they would appeal, arguing that customs officers had handled the evidence carelessly.',
  'Environmental groups welcomed the ruling but called for stricter inspections at all of the country’s ports.',
  'The case is the largest smuggling trial in Lisvane since the harbour was modernised a decade ago.',
];

/** An independent report of the same round: same names, numbers and outcome, its own wording and order. */
export const SAME_EVENT = [
  'Ostrany’s farmers will not be satisfied with 50 million cubic metres a month, Tomas Quill, who speaks for the foreign ministry, warned on Tuesday.',
  'He was responding to a plan put forward in Carrow by Ilse Baraket, the Velmoran water minister, whose country controls the Tarn dam.',
  'Farm unions in Ostrany have staged protests for weeks, blocking roads near the border with tractors.',
  'Regional council mediators want water releases to follow rainfall, measured at gauging stations along the river.',
  'A committee of 12 engineers would watch over the readings under the mediators’ idea.',
  'Talks are set to resume in Hesk in May.',
];

export function doc(id: string, sentences: string[], opts: { published?: string | null; outlet?: string | null; tail?: string; head?: string } = {}): LinkDoc {
  const paras = [...(opts.head ? [opts.head] : []), ...sentences];
  let text = '';
  const spans: { start: number; end: number; paragraph: number; heading: boolean }[] = [];
  paras.forEach((p, k) => {
    if (text) text += '\n\n';
    spans.push({ start: text.length, end: text.length + p.length, paragraph: k, heading: false });
    text += p;
  });
  if (opts.tail) {
    text += '\n\n';
    spans.push({ start: text.length, end: text.length + opts.tail.length, paragraph: paras.length, heading: false });
    text += opts.tail;
  }
  return { id, text, published: opts.published ?? null, outlet: opts.outlet ?? null, sentences: joinFragments(text, spans) };
}

/** A paraphrase of ORIGIN written by hand: same facts in the same order, new wording, one merged sentence. */
export const REWRITE = [
  'Officials from Velmora and Ostrany sat down again on Tuesday in Carrow, a lakeside city, for the third round of negotiations on the Tarn river dam.',
  'Ilse Baraket, the water minister heading Velmora’s team, offered to let 50 million cubic metres of water flow every month through the dry season.',
  'That offer was turned down by Ostrany, whose farmers need no less than 80 million cubic metres if the spring harvest is to be saved, foreign ministry spokesman Tomas Quill said.',
  'A compromise from regional council mediators would tie the monthly releases to the rainfall recorded at four gauging stations, and both countries accepted a joint technical committee of 12 engineers to inspect the gauges and put out the figures weekly.',
  'Speaking to journalists afterwards, Baraket said the committee might begin its work inside 30 days provided both parliaments back the plan.',
  'Ostrany will refuse any agreement that leaves Velmoran engineers alone in charge of the dam, Quill said.',
  'Negotiators expect to meet again in early May in Hesk, a town in the north.',
];

/**
 * Two copies of one story (ORIGIN) that carry different parts of it: PART_ONE keeps the first
 * half nearly word for word; PART_TWO rewords the second half, puts it first, and adds material
 * of its own. Neither holds the other's content in order.
 */
export const PART_ONE = [
  'Negotiators from Velmora and Ostrany met in the lakeside city of Carrow on Tuesday for a third round of talks over the Tarn river dam.',
  'The Velmoran delegation, led by water minister Ilse Baraket, proposed releasing 50 million cubic metres of water each month during the dry season.',
  'Ostrany turned the offer down, saying its farmers needed at least 80 million cubic metres to save the spring harvest.',
  'Mediators from the regional council presented a compromise that would link the monthly releases to rainfall measured at four gauging stations.',
  'Both sides agreed to set up a joint technical committee of 12 engineers to check the gauges and publish the readings every week.',
  'Velmora built the dam eleven years ago with loans from three foreign banks, and it now produces most of the country’s electricity.',
];

export const PART_TWO = [
  'Mediators from the regional council have put forward a compromise that would link the monthly releases to rainfall at four stations.',
  'The sides agreed to set up a joint technical committee of 12 engineers to check the gauges, officials said.',
  'Baraket said after the session that the committee could start work within 30 days if the two parliaments approve the plan.',
  'The talks in Carrow on Tuesday, the third round over the Tarn river dam, ended without a final deal.',
  'Water minister Ilse Baraket had proposed releasing 50 million cubic metres of water each month during the dry season.',
  'Farmers in the south of Ostrany have lost two harvests to drought since the reservoir was filled.',
  'Environmental groups on both banks want part of the water kept for the wetlands downstream.',
  'Fishermen on the lower Tarn say the catch has fallen by half in five years.',
];

/** An independent report sharing ORIGIN's quotes (the same speaker), word for word, inside quotation marks. */
export const SHARED_QUOTES = [
  'Ostrany’s spokesman did not mince words on Tuesday: “Ostrany would not sign any deal that left the dam under the sole control of Velmoran engineers,” Tomas Quill told a briefing.',
  'Ilse Baraket, who leads the Velmoran side, answered in Carrow: “the committee could start work within 30 days if the two parliaments approve the plan.”',
  'Council mediators want releases tied to rain at the gauging stations, and a panel of 12 engineers to watch the readings.',
  'Quill added: “our farmers needed at least 80 million cubic metres to save the spring harvest.”',
  'The two delegations are expected in Hesk in May.',
];
