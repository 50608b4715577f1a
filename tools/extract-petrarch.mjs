// Derives data/petrarch/ from the PETRARCH2 dictionaries (openeventdata/petrarch2 at commit
// 676801cd9cb2924bbbad09f86d15c9323e7097bf, petrarch2/data/dictionaries/, MIT): the organisations
// the actor lookup knows, the countries' adjectives and the persons in government. Usage: node tools/extract-petrarch.mjs <dictionaries folder>
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const source = process.argv[2];
if (!source) {
  process.stderr.write('usage: node tools/extract-petrarch.mjs <folder with Phoenix.International.actors.txt, Phoenix.Countries.actors.txt, LICENSE>\n');
  process.exit(2);
}
const out = new URL('../data/petrarch/', import.meta.url).pathname;

// The organisations, with the project's id scheme (the registry calls organisations ALLIANCE:
// alliance:nato, alliance:european-union) and the Phoenix phrases taken as their names. Offices
// and persons of an organisation (UN_SECRETARY_GENERAL, dated roles ending around 2014) are left
// out: they would name the organisation for people who no longer hold the office.
const ORGANISATIONS = [
  { id: 'alliance:united-nations', name: 'United Nations', phrases: ['UNITED_NATIONS_', 'THE_UNITED_NATIONS_', 'UN_', 'U.N.'] },
  { id: 'alliance:un-security-council', name: 'United Nations Security Council', phrases: ['U.N._SECURITY_COUNCIL', 'UNSC_', 'THE_SECURITY_COUNCIL_'] },
  { id: 'alliance:nato', name: 'North Atlantic Treaty Organization', phrases: ['NATO_', 'NORTH_ATLANTIC_TREATY_ORGANIZATION_'] },
  { id: 'alliance:european-union', name: 'European Union', phrases: ['EUROPEAN_UNION', 'THE_EUROPEAN_UNION_', 'THE_EU_'] },
  { id: 'alliance:european-commission', name: 'European Commission', phrases: ['EUROPEAN_COMMISSION_'] },
  { id: 'alliance:european-parliament', name: 'European Parliament', phrases: ['EUROPEAN_PARLIAMENT_'] },
  { id: 'alliance:council-of-europe', name: 'Council of Europe', phrases: ['COUNCIL_OF_EUROPE_'] },
  // Phoenix has only the Union's Peace and Security Council (AUPSC); the Union's own name is curated.
  { id: 'alliance:african-union', name: 'African Union', phrases: [], curated: ['AU'] },
  { id: 'alliance:asean', name: 'Association of Southeast Asian Nations', phrases: ['ASEAN_'] },
  { id: 'alliance:arab-league', name: 'Arab League', phrases: ['ARAB_LEAGUE_'] },
  { id: 'alliance:imf', name: 'International Monetary Fund', phrases: ['IMF_', 'INTERNATIONAL_MONETARY_FUND'] },
  { id: 'alliance:world-bank', name: 'World Bank', phrases: ['WORLD_BANK_', 'WORLD_BANK_GROUP'] },
  { id: 'alliance:iaea', name: 'International Atomic Energy Agency', phrases: ['IAEA_', 'INTERNATIONAL_ATOMIC_ENERGY_AGENCY_'] },
  { id: 'alliance:international-criminal-court', name: 'International Criminal Court', phrases: ['ICC_'] },
  { id: 'alliance:international-court-of-justice', name: 'International Court of Justice', phrases: ['ICJ_', 'INTERNATIONAL_COURT_OF_JUSTICE_'] },
  { id: 'alliance:who', name: 'World Health Organization', phrases: ['WORLD_HEALTH_ORGANIZATION_'] },
  { id: 'alliance:unhcr', name: 'UNHCR', phrases: ['UNHCR_'] },
  { id: 'alliance:unicef', name: 'UNICEF', phrases: ['UNICEF_', "UNITED_NATIONS_CHILDREN'S_FUND_"] },
  { id: 'alliance:osce', name: 'Organization for Security and Co-operation in Europe', phrases: ['ORGANIZATION_FOR_SECURITY_AND_COOPERATION_IN_EUROPE_', 'ORGANIZATION_FOR_SECURITY_AND_CO-OPERATION_IN_EUROPE_'] },
  { id: 'alliance:shanghai-cooperation-organisation', name: 'Shanghai Cooperation Organisation', phrases: ['SHANGHAI_COOPERATION_ORGANIZATION_'] },
  { id: 'alliance:organization-of-american-states', name: 'Organization of American States', phrases: ['ORGANIZATION_OF_AMERICAN_STATES_', 'OAS'] },
  { id: 'alliance:opec', name: 'Organization of the Petroleum Exporting Countries', phrases: ['ORGANIZATION_OF_PETROLEUM_EXPORTING_COUNTRIES_', 'OPEC'] },
  { id: 'alliance:ecowas', name: 'Economic Community of West African States', phrases: ['ECOWAS_', 'ECONOMIC_COMMUNITY_OF_WEST_AFRICAN_STATES_'] },
  { id: 'alliance:sadc', name: 'Southern African Development Community', phrases: ['SADC_', 'SOUTHERN_AFRICAN_DEVELOPMENT_COMMUNITY_'] },
  { id: 'alliance:commonwealth-of-independent-states', name: 'Commonwealth of Independent States', phrases: ['COMMONWEALTH_OF_INDEPENDENT_STATES_'] },
  { id: 'alliance:commonwealth-of-nations', name: 'Commonwealth of Nations', phrases: ['COMMONWEALTH_OF_NATIONS_'] },
  { id: 'alliance:g7', name: 'Group of Seven', phrases: ['GROUP_OF_SEVEN_', 'G_7_'] },
  { id: 'alliance:g8', name: 'Group of Eight', phrases: ['GROUP_OF_EIGHT_', 'G_8_'] },
  { id: 'alliance:interpol', name: 'Interpol', phrases: ['INTERPOL_'] },
];

const SMALL_WORDS = new Set(['of', 'and', 'the', 'for', 'in', 'on']);

/** A dictionary phrase as text: NORTH_ATLANTIC_TREATY_ORGANIZATION_ → North Atlantic Treaty Organization; acronyms stay. */
function phraseText(phrase) {
  const words = phrase.replace(/_+$/, '').split(/[_\s]+/).filter(Boolean);
  if (words.length === 1 && words[0].replace(/\./g, '').length <= 6) return words[0];
  if (/^G$/.test(words[0]) && words.length === 2) return `G${words[1]}`;
  return words.map((w, i) => (i > 0 && SMALL_WORDS.has(w.toLowerCase()) ? w.toLowerCase() : w.charAt(0) + w.slice(1).toLowerCase().replace(/-(\w)/g, (_, c) => `-${c}`))).join(' ');
}

/** Each phrase of a dictionary (head or + line) with the code its entry carries, if any. */
function phrasesOf(text) {
  const found = new Map();
  let pending = [];
  let blockCode;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trimEnd();
    const code = /\[([A-Z]{3}[A-Z]*)[\s\]]/.exec(line)?.[1];
    const phrase = line.replace(/\[.*$/, '').trim().replace(/^\+/, '').trim();
    if (!line.trim()) {
      pending = [];
      blockCode = undefined;
      continue;
    }
    // A + line after an entry whose code was on its own line is one more name of that entry.
    if (phrase && line.startsWith('+') && !pending.length && blockCode && !code) found.set(phrase, blockCode);
    else if (phrase && !/^\s/.test(raw)) {
      if (!line.startsWith('+')) blockCode = undefined;
      pending.push(phrase);
    }
    if (code) {
      for (const p of pending) if (!found.has(p)) found.set(p, code);
      pending = [];
      blockCode = code;
    }
  }
  return found;
}

const international = phrasesOf(readFileSync(join(source, 'Phoenix.International.actors.txt'), 'utf8'));
const rows = [['id', 'name', 'aliases', 'phoenix_code', 'curated_aliases']];
for (const org of ORGANISATIONS) {
  const codes = new Set();
  for (const phrase of org.phrases) {
    const code = international.get(phrase);
    if (!code) throw new Error(`${phrase} is not an entry of Phoenix.International.actors.txt`);
    codes.add(code);
  }
  const aliases = [...new Set(org.phrases.map(phraseText))].filter((a) => a !== org.name);
  rows.push([org.id, org.name, aliases.join('|'), [...codes].join('|'), (org.curated ?? []).join('|')]);
}

// Country adjectives (French, German, Afghan): a one-word synonym of the country's head entry that
// shares its first two letters and ends as English adjectives do. Cities, provinces and misspellings
// of the name are the other synonyms there, and are left out.
const ADJECTIVE = /(?:ESE|IAN|AN|ISH|CH|I|IC|OT|SH)$/;
// Cities and misspellings the rule lets through, read off its output.
const NOT_ADJECTIVES = new Set(['AFGHANSITAN', 'ARGENTINAN', 'AUSTRALAI', 'AUSTURRIKI', 'BANGLEDESH', 'BANGLADEISH', 'BANGALADESH', 'BANDARBAN', 'BARBADAN', 'BELMOPAN', 'BRUNEI', 'BRUNAI', 'CZECHIAN', 'DJIBUTI', 'DJABUTI', 'DJBOUTI', 'DOMINICANREPUBLIC', 'ETHIOPAI', 'FIDJI', 'FRANKREICH', 'GRENADAN', 'IRISHMAN', 'IRISHWOMAN', 'ISREALI', 'ISRAELIAN', 'JAMACIAN', 'KINAKUTAN', 'LIECH', 'MAHORAN', 'MAWUTI', 'MEIXCAN', 'MEXICALI', 'MONGORIAN', 'MORROCAN', 'MOZAMBIC', 'PAKISH', 'PAKISATAN', 'PARAGUAI', 'PORTUGALI', 'POTITI', 'TAIOAAN', 'TAIPEI', 'TAOYUAN', 'TAINAN', 'TURKEI', 'TUERKEI', 'UNITEDSTATIAN', 'URUGUAI', 'VIETMAN', 'ZIMBABWIAN', 'ZIMBABWEI', 'MALDIVAN']);
const countries = readFileSync(join(source, 'Phoenix.Countries.actors.txt'), 'utf8').split('\n');
const adjectives = [['iso3', 'adjective']];
let head;
for (const raw of countries) {
  const line = raw.replace(/#.*$/, '').trim();
  const entry = /^([A-Z_'-]+?)_?\s+\[([A-Z]{3})\]$/.exec(line);
  if (entry) {
    head = { name: entry[1], iso3: entry[2] };
    continue;
  }
  if (!line.startsWith('+')) {
    if (line) head = undefined;
    continue;
  }
  const form = line.slice(1).trim().replace(/_+$/, '');
  if (!head || !/^[A-Z]+$/.test(form) || form.length < 4 || form.slice(0, 2) !== head.name.slice(0, 2) || !ADJECTIVE.test(form)) continue;
  if (form.endsWith('STAN') || form === head.name || NOT_ADJECTIVES.has(form)) continue;
  const row = [head.iso3, form.charAt(0) + form.slice(1).toLowerCase()];
  if (!adjectives.some((r) => r[0] === row[0] && r[1] === row[1])) adjectives.push(row);
}

// Persons in government (heads of state and government, ministers) with the state they spoke for:
// an entry whose roles include a dated executive role [XXXGOV from-to] of one country. Names with a
// title (PRESIDENT_PUTIN_) or an office (BUSH_ADMINISTRATION) are left out, as are one-word names,
// which the drafter reads only after the full name in the same article. Roles end around 2014.
const TITLE_WORDS = /(^|_)(PRESIDENT|PRESIDENT-ELECT|MINISTER|PREMIER|SECRETARY|SENATOR|GOVERNOR|CHANCELLOR|KING|QUEEN|PRINCE|SHEIKH|EMIR|GENERAL|MR\.?|MRS\.?|MS\.?|DR\.?|ADMINISTRATION|GOVERNMENT|THE|OF|SPOKESMAN|AMBASSADOR|LEADER|CHIEF|DEPUTY|VICE|FOREIGN|DEFENSE|DEFENCE|ENVOY|REPRESENTATIVE|MAYOR|CANDIDATE|JUDGE|JUSTICE|COUNCIL|PARTY|ARMY|FORCES|MINISTRY|OFFICE)(_|$)/;
const personName = (phrase) => {
  const words = phrase.replace(/_+$/, '').split('_').filter(Boolean);
  if (words.length < 2 || TITLE_WORDS.test(phrase.replace(/_+$/, '')) || !words.every((w) => /^[A-Z][A-Z.'-]*$/.test(w))) return undefined;
  return words.map((w) => w.charAt(0) + w.slice(1).toLowerCase().replace(/([-'])(\w)/g, (_, c, d) => `${c}${d.toUpperCase()}`)).join(' ');
};
// Dates are YYMMDD or YYYYMMDD; any other length (a typo in the source) is kept as written.
const yymmdd = (d) => (d.length === 8 ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : d.length === 6 ? `${Number(d.slice(0, 2)) > 30 ? '19' : '20'}${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}` : d);
const persons = [['id', 'name', 'aliases', 'iso3', 'government_roles']];
const seenIds = new Set();
let entry;
const flush = () => {
  if (!entry) return;
  const roles = entry.roles.filter((r) => /^[A-Z]{3}GOV$/.test(r.code) && r.dates);
  const states = new Set(roles.map((r) => r.code.slice(0, 3)));
  const name = personName(entry.head);
  if (name && roles.length && states.size === 1) {
    const id = `person:${name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`;
    const aliases = [...new Set(entry.aliases.map(personName).filter((a) => a && a !== name))];
    const dated = roles.map((r) => `${r.code} ${r.dates.startsWith('>') ? `${yymmdd(r.dates.slice(1))}..` : r.dates.split('-').map(yymmdd).join('..')}`);
    if (!seenIds.has(id)) persons.push([id, name, aliases.join('|'), [...states][0], dated.join('|')]);
    seenIds.add(id);
  }
  entry = undefined;
};
for (const raw of countries) {
  const line = raw.replace(/#.*$/, '').trimEnd();
  if (!line.trim()) continue;
  const role = /^\s+\[([A-Z]+)(?:\s+([>0-9-]+))?\]/.exec(line);
  if (role) {
    entry?.roles.push({ code: role[1], dates: role[2] });
    continue;
  }
  if (line.startsWith('+')) {
    entry?.aliases.push(line.slice(1).trim());
    continue;
  }
  flush();
  if (!/^[A-Z]/.test(line) || /\[/.test(line)) continue;
  entry = { head: line.trim(), aliases: [], roles: [] };
}
flush();

const csv = (table) => table.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n') + '\n';
writeFileSync(join(out, 'phoenix-organisations.csv'), csv(rows));
writeFileSync(join(out, 'phoenix-country-adjectives.csv'), csv(adjectives));
writeFileSync(join(out, 'phoenix-government-persons.csv'), csv(persons));
copyFileSync(join(source, 'LICENSE'), join(out, 'LICENSE'));
process.stdout.write(`${rows.length - 1} organisations, ${adjectives.length - 1} adjectives, ${persons.length - 1} persons in government\n`);
