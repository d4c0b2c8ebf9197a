// A small word list matched at a position of the text: the longest listed word
// that starts (or ends) there. Pattern words come from YAML, so they are plain
// strings, never regular expressions. Lookups run at most characters of a
// report, so they compare code units: one bit read rejects almost every
// position, and only the words sharing the character there are compared.

import * as chars from "../../text/chars.js";

// Bound once: under the module runner of the tests and of the stage bench
// (vite-node) every use of an imported name is a getter call, which costs more
// than these small helpers themselves in the per-character loops below.
const { codeAt, CodeSet } = chars;

export class WordList {
  /** Longest first (equal lengths keep their listed order): the first match is the longest. */
  private readonly words: string[];
  /** First and last code units of the words: most positions are rejected on one lookup. */
  private readonly firsts = new CodeSet();
  private readonly lasts = new CodeSet();
  /** The words (in `words` order) by their first and by their last code unit. */
  private readonly byFirst = new Map<number, string[]>();
  private readonly byLast = new Map<number, string[]>();

  constructor(words: Iterable<string>) {
    this.words = [...new Set(words)].filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
    for (const w of this.words) {
      const first = w.charCodeAt(0);
      const last = w.charCodeAt(w.length - 1);
      this.firsts.add(first);
      this.lasts.add(last);
      push(this.byFirst, first, w);
      push(this.byLast, last, w);
    }
  }

  /** Longest word starting at `pos`, or null. */
  at(text: string, pos: number): string | null {
    const c = codeAt(text, pos); // -1 outside the text: in no set
    if (!this.firsts.has(c)) return null;
    for (const w of this.byFirst.get(c)!) if (unitsAt(text, pos, w)) return w;
    return null;
  }

  /** Longest word ending just before `pos`, or null. */
  endingAt(text: string, pos: number): string | null {
    const c = codeAt(text, pos - 1);
    if (!this.lasts.has(c)) return null;
    for (const w of this.byLast.get(c)!) {
      if (pos - w.length >= 0 && unitsAt(text, pos - w.length, w)) return w;
    }
    return null;
  }

  has(word: string): boolean {
    return this.words.includes(word);
  }

  get size(): number {
    return this.words.length;
  }
}

function push(map: Map<number, string[]>, key: number, w: string): void {
  const list = map.get(key);
  if (list) list.push(w);
  else map.set(key, [w]);
}

/** text.startsWith(w, pos) for pos >= 0, compared unit by unit: the words are short, a call costs more. */
function unitsAt(text: string, pos: number, w: string): boolean {
  if (pos + w.length > text.length) return false;
  for (let k = 0; k < w.length; k++) if (text.charCodeAt(pos + k) !== w.charCodeAt(k)) return false;
  return true;
}

/** A word list whose words map to a value ("底" → "end"). */
export class WordMap<V> extends WordList {
  constructor(private readonly map: ReadonlyMap<string, V>) {
    super(map.keys());
  }

  get(word: string): V | undefined {
    return this.map.get(word);
  }
}
