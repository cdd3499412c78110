// Generates kb/entities/countries.json and kb/entities/territories.json from the world-countries
// package (mledoze/countries, ODbL 1.0): names, official names, alternative spellings, capitals,
// demonyms. Run once by hand: `npm i --no-save world-countries@5.1.0 && node kb/entities/tools/gen-countries.mjs`.
// The package is not a dependency of Parley; the generated JSON is what the kb reads.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(process.env.WC_FROM ?? import.meta.url);
const countries = require('world-countries');
const here = path.dirname(fileURLToPath(import.meta.url));
const SOURCE = 'world-countries 5.1.0 (github.com/mledoze/countries, ODbL 1.0)';

// Common English names where the package's differ from the name news uses, plus well-known extra names.
const RENAME = { 'Türkiye': 'Turkey', 'DR Congo': 'Democratic Republic of the Congo', 'Republic of the Congo': 'Republic of the Congo' };
const EXTRA = {
  US: ['U.S.', 'U.S.A.', 'America', 'the States', 'Trump administration', 'Biden administration', 'Obama administration', 'Trump White House'], GB: ['UK', 'U.K.', 'Britain', 'Great Britain'],
  AE: ['UAE', 'U.A.E.', 'Emirates'], KR: ['ROK', 'Republic of Korea'], KP: ['DPRK', 'Democratic People\'s Republic of Korea'],
  CN: ['PRC', 'People\'s Republic of China', 'Mainland China'], CD: ['DRC', 'Congo-Kinshasa', 'DR Congo'], CG: ['Congo-Brazzaville'],
  TR: ['Türkiye', 'Turkiye'], CZ: ['Czech Republic'], MM: ['Burma'], SZ: ['Swaziland'], CI: ['Côte d\'Ivoire', 'Cote d\'Ivoire'],
  MK: ['Macedonia'], CV: ['Cabo Verde'], TL: ['East Timor'], VA: ['Vatican', 'Holy See'], PS: ['State of Palestine'],
  IR: ['Islamic Republic of Iran'], SY: ['Syrian Arab Republic'], RU: ['Russian Federation'], SA: ['KSA'],
};
// Country codes that are also English words or common abbreviations are never aliases.
const KEEP_SHORT = new Set(['USA', 'UAE', 'UK', 'U.K.', 'U.S.', 'U.S.A.', 'PRC', 'DPRK', 'ROK', 'DRC', 'KSA', 'U.A.E.']);
// Capitals that are also common words or names elsewhere: kept as places, never read as the country.
const NO_METONYM = new Set(['Malé', 'Victoria', 'Kingston', 'Saint George\'s', 'Basseterre', 'Castries', 'Roseau', 'Praia', 'Palikir', 'Funafuti', 'Yaren', 'South Tarawa', 'Ngerulmud', 'Apia', 'Honiara', 'Majuro', 'Port Vila']);
const AS_COUNTRY = new Set(['PS', 'XK', 'TW']);
// Capitals as news names them (places.json holds their other spellings).
const CAPITAL_NAME = { 'Washington D.C.': 'Washington', 'City of San Marino': 'San Marino' };

const slug = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const out = [], places = [];
for (const c of countries) {
  const country = c.independent || AS_COUNTRY.has(c.cca2);
  const name = RENAME[c.name.common] ?? c.name.common;
  const aliases = new Set([c.name.common, c.name.official, ...(EXTRA[c.cca2] ?? [])]);
  for (const a of c.altSpellings ?? []) if (a.length >= 4 || KEEP_SHORT.has(a)) if (/^[\p{Script=Latin}\s.'’()-]+$/u.test(a)) aliases.add(a);
  aliases.delete(name);
  const dem = c.demonyms?.eng ?? {};
  // A demonym spelled like the name (Djibouti) is the name; an alias spelled like a demonym (Thai) is not a name.
  const demonyms = [...new Set([dem.m, dem.f].filter(Boolean))].filter((d) => d !== name && d !== c.name.common);
  for (const d of demonyms) aliases.delete(d);
  for (const a of [...aliases]) if (/[\u0250-\u02af]/u.test(a)) aliases.delete(a);
  const entry = { key: `${country ? 'country' : 'place'}:${slug(name)}`, name, aliases: [...aliases].sort(), code: c.cca3 };
  if (demonyms.length) entry.demonyms = demonyms;
  if (country) {
    // City-states (Singapore, Monaco): the capital is the country itself.
    const caps = (c.capital ?? []).map((x) => CAPITAL_NAME[x] ?? x).filter((x) => !NO_METONYM.has(x) && x !== name && !aliases.has(x));
    if (caps.length) entry.capitals = caps;
    out.push(entry);
  } else places.push(entry);
}
const write = (file, what, entries) => fs.writeFileSync(path.join(here, '..', file),
  JSON.stringify({ about: what, source: SOURCE, entries: entries.sort((a, b) => a.key.localeCompare(b.key)) }, null, 1) + '\n');
write('countries.json', 'Sovereign states (and Palestine, Kosovo, Taiwan): names, aliases, capitals (read as the country when used as its government), demonyms (never mentions; used for attribution).', out);
write('territories.json', 'Dependent territories and other areas with ISO codes: places, not countries.', places);
console.log(`${out.length} countries, ${places.length} territories`);
