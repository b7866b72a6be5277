import { normaliseText } from './normalise.js';
import type { Snapshot } from './types.js';
import { own } from '../text/own.js';

/**
 * Text typed by voice-to-text (Teams mobile dictation) back into the words a keyboard would have typed:
 * - words split that are one name of the clusters/inventories ("ratings web" → ratings-web, "a k s prod" → aks-prod)
 *   or one word of the examples' vocabulary ("allow list", "name space", "un restrict", "i p", "a p i");
 * - number words where a number belongs ("port four forty three" → port 443, "two hours" → 2 hours,
 *   "at eight thirty" → at 8:30, "one ninety eight dot fifty one dot one hundred dot zero slash twenty four" →
 *   198.51.100.0/24), and "slash"/"colon" between numbers.
 * Joining is driven only by what exists (the snapshot's names, the vocabulary); an address made here is checked by
 * ipaddr.js downstream like a typed one.
 */

/** The longest run of words joined into one. */
const MAX_SPAN = 6;
/** A vocabulary word made of whole words is joined only this long or longer ("namespace", not "away", "anymore"). */
const JOINED_WORD_AT_LEAST = 8;

const UNITS: Record<string, number> = { zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEENS: Record<string, number> = { ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 };
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000 };

/** What dictation writes for a part of a Kubernetes name ("cube dns" for kube-dns); used only where the name exists. */
const SOUNDS_LIKE: Record<string, string> = { cube: 'kube', cubes: 'kube' };

/** Words after a number that say it is one ("two hours", "eighty tcp"). */
const NUMBER_AFTER = /^(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|months?|tcp|udp|dot|slash|colon|am|pm|oclock)$/;
/** Words before a number that say it is one ("port eighty", "dot fifty one"); "at" only before a time of day. */
const NUMBER_BEFORE = /^(?:port|ports|dot|slash|colon)$/;

const isNumberWord = (w: string) => own(UNITS, w) !== undefined || own(TEENS, w) !== undefined || own(TENS, w) !== undefined || own(SCALES, w) !== undefined;

/** One spoken group: "seven", "fifty one", "fourteen", "one hundred [and] five", "two thousand". */
function group(words: string[], at: number): { value: number; next: number } | undefined {
  let i = at;
  const below100 = (): number | undefined => {
    const t = own(TENS, words[i]);
    if (t !== undefined) {
      i++;
      const u = words[i] === 'oh' ? undefined : own(UNITS, words[i]);
      if (u === undefined || u === 0) return t;
      i++;
      return t + u;
    }
    const v = own(TEENS, words[i]) ?? own(UNITS, words[i]);
    if (v !== undefined) i++;
    return v;
  };
  let value = below100();
  if (value === undefined) return undefined;
  for (const scale of ['hundred', 'thousand']) {
    if (words[i] !== scale || value === 0) continue;
    i++;
    value *= SCALES[scale];
    if (words[i] === 'and' && isNumberWord(words[i + 1] ?? '')) i++;
    const save = i;
    const rest = own(SCALES, words[i] ?? '') === undefined ? below100() : undefined;
    if (rest === undefined) i = save;
    else value += rest;
  }
  return { value, next: i };
}

/**
 * A run of number words as the digits it says: one group is its value ("fifty one" 51), several are their digits in
 * a row as people say them ("four forty three" 443, "two seven zero one seven" 27017). `groups` keeps them apart.
 */
export function spokenNumber(words: string[]): { digits: string; groups: number[]; used: number } | undefined {
  if (words[0] === 'oh' || !isNumberWord(words[0] ?? '') || own(SCALES, words[0]) !== undefined) return undefined;
  const groups: number[] = [];
  let i = 0;
  while (i < words.length) {
    const g = group(words, i);
    if (!g) break;
    groups.push(g.value);
    i = g.next;
  }
  if (!groups.length) return undefined;
  return { digits: groups.map(String).join(''), groups, used: i };
}

interface Word {
  /** As typed, punctuation included. */
  raw: string;
  /** Lower case, without the punctuation around it. */
  core: string;
}

function words(text: string): Word[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    // letters with dots ("I.P.", "a.k.s") are the letters ("e.g." and "i.e." stay)
    .map((said) => (/^(?:[a-z]\.){1,}[a-z]\.?$/i.test(said) && !/^(?:e\.g|i\.e)\.?$/i.test(said) ? said.replace(/\./g, '') : said))
    .map((raw) => ({ raw, core: raw.toLowerCase().replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') }));
}

const compact = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const namesCache = new WeakMap<Snapshot, Map<string, string | null>>();
/** Every name of the snapshot by its letters alone ("ratingsweb" → ratings-web); two names alike give null. */
function namesOf(snap: Snapshot): Map<string, string | null> {
  let m = namesCache.get(snap);
  if (m) return m;
  m = new Map();
  const add = (name: string) => {
    const key = compact(name);
    if (key.length < 4) return;
    const had = m!.get(key);
    m!.set(key, had === undefined || had === name ? name : null);
  };
  for (const c of snap.clusters) add(c);
  for (const inv of Object.values(snap.inventories)) {
    for (const ns of inv.namespaces) add(ns);
    for (const item of inv.items) add(item.name);
  }
  namesCache.set(snap, m);
  return m;
}

const normaliserJoined = new Map<string, boolean>();
/** Whether the normaliser already reads the words as the one word (asked once per phrase: it runs many patterns). */
function normaliserJoins(phrase: string, key: string): boolean {
  let joins = normaliserJoined.get(phrase);
  if (joins === undefined) {
    joins = normaliseText(phrase).tokens.includes(key);
    if (normaliserJoined.size > 1000) normaliserJoined.clear();
    normaliserJoined.set(phrase, joins);
  }
  return joins;
}

/** The word (name or vocabulary word) that words i…j-1 spell together, if any. */
function joined(ws: Word[], i: number, j: number, names: Map<string, string | null>, vocabulary: ReadonlySet<string>): string | undefined {
  // only the outer edges of the run may carry punctuation ("ratings web?")
  for (let k = i; k < j; k++) if (!ws[k].core || (k > i && /^[^a-z0-9]/i.test(ws[k].raw)) || (k < j - 1 && /[^a-z0-9]$/i.test(ws[k].raw))) return undefined;
  const said = ws.slice(i, j).map((w) => w.core);
  // "ratings dash web": a hyphen said inside a name
  const parts = said.filter((p, k) => !(k > 0 && k < said.length - 1 && /^(?:dash|hyphen)$/.test(p)));
  if (parts.some((p) => /\d/.test(p)) && !parts.every((p) => /^[a-z0-9]+$/.test(p))) return undefined;
  const key = parts.join('');
  // a digit said inside a name ("zone two" for zone2)
  const name = names.get(key) ?? names.get(parts.map((p) => (p === 'oh' ? p : String(own(UNITS, p) ?? own(SOUNDS_LIKE, p) ?? p))).join(''));
  if (name) return name;
  if (!/^[a-z]+$/.test(key)) return undefined;
  const spelled = parts.every((p) => p.length === 1);
  if (spelled) {
    // letters spoken one by one, the whole run ("c i d r", "a p i"); "a"/"i" in front is a word when the rest is one
    if (ws[j] && ws[j].core.length === 1 && /^[a-z]$/.test(ws[j].core)) return undefined;
    if (/^[ai]$/.test(parts[0]) && !vocabulary.has(key) && (parts.length > 3 || vocabulary.has(key.slice(1)))) return undefined;
    return parts.length >= 3 || vocabulary.has(key) ? key : undefined;
  }
  if (!vocabulary.has(key)) return undefined;
  // whole words make one vocabulary word only when it is long ("name space", "week day", "un lock"; not "a way",
  // "any one") and the normaliser does not already read them so ("api server" stays as typed)
  const long = key.length >= JOINED_WORD_AT_LEAST || (key.length === JOINED_WORD_AT_LEAST - 1 && parts.every((p) => p.length >= 3)) || (parts[0] === 'un' && key.length >= 6);
  return long && !normaliserJoins(parts.join(' '), key) ? key : undefined;
}

/** Split words joined where they spell a name or a vocabulary word, longest run first. */
function joinSplitWords(ws: Word[], snap: Snapshot, vocabulary: ReadonlySet<string>): Word[] {
  const names = namesOf(snap);
  const out: Word[] = [];
  for (let i = 0; i < ws.length; ) {
    let done = false;
    for (let j = Math.min(ws.length, i + MAX_SPAN); j >= i + 2 && !done; j--) {
      const w = joined(ws, i, j, names, vocabulary);
      if (!w) continue;
      const lead = ws[i].raw.match(/^[^a-z0-9]*/i)![0];
      const trail = ws[j - 1].raw.match(/[^a-z0-9]*$/i)![0];
      out.push({ raw: `${lead}${w}${trail}`, core: w });
      i = j;
      done = true;
    }
    if (!done) out.push(ws[i++]);
  }
  return out;
}

/** "at eight thirty" → 8:30, "at eight oh five" → 8:05; undefined when the groups are no time of day. */
function timeOf(groups: number[]): string | undefined {
  const [h, ...rest] = groups;
  if (h < 0 || h > 23) return undefined;
  if (!rest.length) return undefined;
  const mm = rest.length === 1 && rest[0] >= 10 && rest[0] <= 59 ? rest[0] : rest.length === 2 && rest[0] === 0 && rest[1] <= 9 ? rest[1] : undefined;
  return mm === undefined ? undefined : `${h}:${String(mm).padStart(2, '0')}`;
}

/** Words after "at seven" that say it is the hour ("at seven o'clock", "at seven every day", "at seven" at the end). */
const AFTER_AN_HOUR = /^(?:|o'?clock|am|pm|a|p|every|each|daily|on|in|utc|gmt|sharp|please|and|for|tomorrow|tonight|weekdays?)$/;

/** "at seven o'clock" → 7:00; "at seven am" stays an hour the time reader knows (7 am); "at one point" is no time. */
function hourOf(groups: number[], after: string, oclock: boolean): string | undefined {
  if (groups.length !== 1 || groups[0] > 23 || !AFTER_AN_HOUR.test(after)) return undefined;
  return oclock || !/^(?:am|pm|a|p)$/.test(after) ? `${groups[0]}:00` : String(groups[0]);
}

/** Number words turned into digits where the words around them say a number belongs there. */
function numbersAsDigits(ws: Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < ws.length; ) {
    const run: string[] = [];
    for (let k = i; k < ws.length && (isNumberWord(ws[k].core) || (ws[k].core === 'and' && run.length)); k++) {
      run.push(ws[k].core);
      // a word with punctuation after it ends the run ("two, three")
      if (/[^a-z0-9]$/i.test(ws[k].raw)) break;
    }
    const n = run.length ? spokenNumber(run) : undefined;
    if (!n) {
      out.push(ws[i++]);
      continue;
    }
    const before = out[out.length - 1]?.core ?? '';
    const after = ws[i + n.used]?.core ?? '';
    const oclock = /^o'?clock$/.test(after);
    const time = before === 'at' ? (timeOf(n.groups) ?? hourOf(n.groups, after, oclock)) : undefined;
    // ("on eighty" is a port; "on one cluster" is not)
    const onAPort = before === 'on' && Number(n.digits) >= 10;
    if (!(n.used >= 2 || time || onAPort || NUMBER_BEFORE.test(before) || NUMBER_AFTER.test(after))) {
      out.push(ws[i++]);
      continue;
    }
    const used = n.used + (time && oclock ? 1 : 0);
    const trail = ws[i + used - 1].raw.match(/[^a-z0-9]*$/i)![0];
    const digits = time ?? n.digits;
    out.push({ raw: `${digits}${trail}`, core: digits });
    i += used;
  }
  return out;
}

const IPV4_SPOKEN = /\b(\d{1,3}) dot (\d{1,3}) dot (\d{1,3}) dot (\d{1,3})\b/gi;
/** "ten point one point two point three": "point" is a dot only in a whole address said in words. */
const POINTED = /\bpoint\b(?=(?:\s+\S+){1,4}\s+point\b(?:\s+\S+){1,4}\s+point\b)|(?<=\bpoint\b(?:\s+\S+){1,4}\s+)point\b(?=(?:\s+\S+){1,4}\s+point\b)|(?<=\bpoint\b(?:\s+\S+){1,4}\s+point\b(?:\s+\S+){1,4}\s+)point\b/gi;

/** "198 dot 51 dot 100 dot 0 slash 24" → 198.51.100.0/24; "8 colon 30" → 8:30. */
function spokenPunctuation(text: string): string {
  return text
    .replace(IPV4_SPOKEN, '$1.$2.$3.$4')
    .replace(/(\d) ([ap])\.? m\b\.?/gi, '$1 $2m')
    .replace(/(\d) slash (\d{1,3}|tcp|udp)\b/gi, '$1/$2')
    .replace(/\b(\d{1,2}) colon (\d{2})\b/gi, '$1:$2');
}

/** The message as a keyboard would have typed it; text with nothing dictated in it comes back unchanged. */
export function undictate(text: string, snap: Snapshot, vocabulary: ReadonlySet<string>): string {
  // "point" in a spoken address, "at half past eight", and "for to hours" ("two" heard as "to" before a unit of time)
  const heard = text
    .replace(/\bpoint\b.*\bpoint\b.*\bpoint\b/i.test(text) ? POINTED : /(?!)/, 'dot')
    .replace(/\bat (half|quarter) (past|to) (\w+)\b/gi, (m: string, part: string, dir: string, hour: string) => {
      const h = /^\d{1,2}$/.test(hour) ? Number(hour) : (own(UNITS, hour.toLowerCase()) ?? own(TEENS, hour.toLowerCase()));
      if (h === undefined || h > 23 || (dir.toLowerCase() === 'to' && (part.toLowerCase() === 'half' || h === 0))) return m;
      return dir.toLowerCase() === 'past' ? `at ${h}:${part.toLowerCase() === 'half' ? '30' : '15'}` : `at ${h - 1}:45`;
    }).replace(/\bfor (?:to|too) (?=(?:minutes|hours|days|weeks)\b)/gi, 'for two ');
  const ws = words(heard);
  if (ws.length < 2) return heard;
  const out = numbersAsDigits(joinSplitWords(ws, snap, vocabulary));
  const changed = out.length !== ws.length || out.some((w, i) => w.raw !== ws[i].raw);
  const rebuilt = changed ? out.map((w) => w.raw).join(' ') : heard;
  return spokenPunctuation(rebuilt);
}
