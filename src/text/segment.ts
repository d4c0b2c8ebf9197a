// Chinese word segmentation with part-of-speech tags, realigned to offsets in the
// input string. This is the only module that touches nodejieba: its dictionary is
// loaded lazily, once per process (or worker), on the first call. When the native
// binding cannot be loaded, every character becomes its own token (tag "x") and
// one warning goes to stderr, so attribution degrades instead of failing.
import { createRequire } from "node:module";

export interface Token {
  word: string;
  /** jieba (ICTCLAS-style) tag: n, v, vn, m, x …; "x" for every fallback token. */
  tag: string;
  /** Half-open UTF-16 offsets into the string passed to `segment`. */
  start: number;
  end: number;
}

interface Jieba {
  load(): void;
  tag(sentence: string): Array<{ word: string; tag: string }>;
  insertWord(word: string, tag?: string): boolean;
}

let jieba: Jieba | null | undefined;
const pendingWords = new Map<string, string | undefined>();

function engine(): Jieba | null {
  if (jieba !== undefined) return jieba;
  try {
    const req = createRequire(import.meta.url);
    const mod = req("nodejieba") as Jieba;
    mod.load();
    for (const [w, t] of pendingWords) mod.insertWord(w, t);
    jieba = mod;
  } catch (err) {
    jieba = null;
    process.stderr.write(
      `policy-extract: warning: word segmentation unavailable (${(err as Error).message.split("\n")[0]}); ` +
        "attribution falls back to characters\n",
    );
  }
  pendingWords.clear();
  return jieba;
}

/**
 * Words the segmenter must keep whole ("新农合" is otherwise cut 新农/合). Cheap:
 * before the dictionary is loaded the words are only queued.
 */
export function addWords(words: Iterable<string>, tag?: string): void {
  for (const w of words) {
    if (!w) continue;
    if (jieba) jieba.insertWord(w, tag);
    else if (jieba === undefined) pendingWords.set(w, tag);
  }
  cache.clear();
}

/** Whether real segmentation is in use (false after the fallback warning). */
export function segmenterAvailable(): boolean {
  return engine() !== null;
}

function charTokens(text: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    out.push({ word: text.slice(i, i + len), tag: "x", start: i, end: i + len });
    i += len;
  }
  return out;
}

/**
 * jieba may drop or alter characters (whitespace runs, some symbols); each word is
 * searched from the cursor, and any characters it skipped become "x" tokens, so
 * the tokens always tile the input exactly.
 */
function realign(text: string, words: Array<{ word: string; tag: string }>): Token[] {
  const out: Token[] = [];
  let pos = 0;
  for (const { word, tag } of words) {
    if (!word) continue;
    const at = text.startsWith(word, pos) ? pos : text.indexOf(word, pos);
    if (at < 0 || at - pos > 8) continue;
    for (const t of charTokens(text.slice(pos, at))) out.push({ ...t, start: t.start + pos, end: t.end + pos });
    out.push({ word, tag, start: at, end: at + word.length });
    pos = at + word.length;
  }
  for (const t of charTokens(text.slice(pos))) out.push({ ...t, start: t.start + pos, end: t.end + pos });
  return out;
}

const CACHE_LIMIT = 4096;
const cache = new Map<string, Token[]>();

/** Forget cached segmentations (benchmarks measure cold work with it). */
export function clearSegmentCache(): void {
  cache.clear();
}

/**
 * Tokens of `text` with offsets into it. Callers segment short spans (a clause
 * around a figure), never whole documents; results are cached per string.
 */
export function segment(text: string): readonly Token[] {
  const hit = cache.get(text);
  if (hit) return hit;
  const eng = engine();
  // cut() would split "698.1" digit by digit; tag() keeps numbers whole.
  const tokens = eng ? realign(text, eng.tag(text)) : charTokens(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, tokens);
  return tokens;
}
