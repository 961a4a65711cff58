// Tags the sentences of a CoNLL-U file with wink-nlp (wink-eng-lite-web-model) and prints its
// UPOS F1 against the gold words (tokens matched by character span within each sentence) and
// its speed in tokens/s. Used by compare-wink.sh; run with NODE_PATH pointing at the install.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(process.env.WINK_DIR + '/');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');
const nlp = winkNLP(model);
const its = nlp.its;

// Gold sentences: text rebuilt from the tokens and their SpaceAfter, words with UPOS and spans.
const sentences = [];
let cur = null;
for (const line of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (line.startsWith('#')) continue;
  if (line.trim() === '') {
    if (cur && cur.words.length) sentences.push(cur);
    cur = null;
    continue;
  }
  const c = line.split('\t');
  if (!cur) cur = { text: '', words: [], skipUntil: 0 };
  const id = c[0];
  if (id.includes('.')) continue;
  if (id.includes('-')) {  // a multi-word token: its words have no span of their own
    const [a, b] = id.split('-').map(Number);
    cur.skipUntil = b;
    const start = cur.text.length;
    cur.text += c[1];
    cur.words.push({ start, end: cur.text.length, upos: null });
    if (!/SpaceAfter=No/.test(c[9])) cur.text += ' ';
    continue;
  }
  if (Number(id) <= cur.skipUntil) continue;
  const start = cur.text.length;
  cur.text += c[1];
  cur.words.push({ start, end: cur.text.length, upos: c[3] });
  if (!/SpaceAfter=No/.test(c[9])) cur.text += ' ';
}

let gold = 0, predicted = 0, correct = 0, tokens = 0;
const t0 = process.hrtime.bigint();
const outputs = sentences.map((s) => {
  const doc = nlp.readDoc(s.text);
  return { values: doc.tokens().out(its.value), spaces: doc.tokens().out(its.precedingSpaces), pos: doc.tokens().out(its.pos) };
});
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
sentences.forEach((s, i) => {
  const o = outputs[i];
  const spans = new Map();
  let at = 0;
  for (let k = 0; k < o.values.length; ++k) {
    at += o.spaces[k].length;
    spans.set(at + ':' + (at + o.values[k].length), o.pos[k]);
    at += o.values[k].length;
  }
  tokens += o.values.length;
  predicted += o.values.length;
  for (const w of s.words) {
    if (w.upos === null) continue;  // multi-word tokens are not scored
    ++gold;
    const p = spans.get(w.start + ':' + w.end);
    if (p !== undefined && p === w.upos) ++correct;
  }
});
const f1 = (200 * correct) / (gold + predicted);
console.log(`wink-nlp    UPOS F1 ${f1.toFixed(2)}  ${Math.round(tokens / seconds)} tokens/s  (${tokens} tokens in ${seconds.toFixed(2)} s, tagging only)`);
