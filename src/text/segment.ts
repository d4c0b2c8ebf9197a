// Chinese word segmentation with part-of-speech tags, realigned to offsets in the
// input string. This is the only module that touches nodejieba: its dictionary is
// loaded lazily, once per process (or worker), on the first call. When the native
// binding cannot be loaded, every character becomes its own token (tag "x") and
// one warning goes to stderr, so attribution degrades instead of failing.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { threadId } from "node:worker_threads";

export interface Token {
  word: string;
  /** jieba (ICTCLAS-style) tag: n, v, vn, m, x …; "x" for every fallback token. */
  tag: string;
  /** Half-open UTF-16 offsets into the string passed to `segment`. */
  start: number;
  end: number;
}

interface DictionaryPaths {
  dict?: string;
  idfDict?: string;
  stopWordDict?: string;
}

interface Jieba {
  DEFAULT_DICT: string;
  load(paths?: DictionaryPaths): void;
  tag(sentence: string): Array<{ word: string; tag: string }>;
  insertWord(word: string, tag?: string): boolean;
}

/**
 * Words of jieba's dictionary kept in the one we load: those seen at least this
 * often in its corpus (67k of 349k words). nodejieba builds its trie twice (the
 * segmenter and an unused TextRank extractor), so the full dictionary costs about
 * 250 MB and 0.9 s per process or worker; this one about 50 MB and 0.15 s. Our
 * domain words are inserted on top (addWords). Measured over every fixture and
 * seed, one metric record in 1,749 changed (README, "Dependencies").
 */
const MIN_WORD_FREQUENCY = 30;

/**
 * The reduced dictionary, written once into the system's temporary folder and
 * reused by later runs; keyed by the source dictionary's size and date, so an
 * upgrade of nodejieba makes a new one. Written to a private name, then renamed,
 * so concurrent workers never read a half-written file. Null when anything fails:
 * the caller then loads jieba's own files.
 */
function reducedDictionary(source: string): DictionaryPaths | null {
  try {
    const st = statSync(source);
    const key = createHash("sha1").update(`${source}\0${st.size}\0${st.mtimeMs}\0${MIN_WORD_FREQUENCY}`).digest("hex").slice(0, 12);
    const dir = join(tmpdir(), `policy-extract-jieba-${key}`);
    const paths = { dict: join(dir, "dict.utf8"), idfDict: join(dir, "idf.utf8"), stopWordDict: join(dir, "stop.utf8") };
    if (Object.values(paths).every((p) => existsSync(p))) return paths;
    mkdirSync(dir, { recursive: true });
    const kept = readFileSync(source, "utf8")
      .split("\n")
      .filter((line) => Number(line.split(" ")[1]) >= MIN_WORD_FREQUENCY);
    // Keyword extraction is never used, but jieba refuses empty idf/stop-word files.
    const contents: Record<keyof typeof paths, string> = {
      dict: `${kept.join("\n")}\n`,
      idfDict: "的 1.0\n",
      stopWordDict: "的\n",
    };
    for (const [name, path] of Object.entries(paths) as Array<[keyof typeof paths, string]>) {
      const temp = `${path}.${process.pid}.${threadId}.tmp`;
      writeFileSync(temp, contents[name]);
      renameSync(temp, path);
    }
    return paths;
  } catch {
    return null;
  }
}

let jieba: Jieba | null | undefined;
const pendingWords = new Map<string, string | undefined>();

function engine(): Jieba | null {
  if (jieba !== undefined) return jieba;
  try {
    const req = createRequire(import.meta.url);
    const mod = req("nodejieba") as Jieba;
    mod.load(reducedDictionary(mod.DEFAULT_DICT) ?? undefined);
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
