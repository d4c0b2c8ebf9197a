// A small word list matched at a position of the text: the longest listed word
// that starts (or ends) there. Pattern words come from YAML, so they are plain
// strings, never regular expressions.

export class WordList {
  private readonly words: string[];
  /** First and last characters of the words: most positions are rejected on one lookup. */
  private readonly firsts: Set<string>;
  private readonly lasts: Set<string>;

  constructor(words: Iterable<string>) {
    this.words = [...new Set(words)].filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
    this.firsts = new Set(this.words.map((w) => w[0]!));
    this.lasts = new Set(this.words.map((w) => w[w.length - 1]!));
  }

  /** Longest word starting at `pos`, or null. */
  at(text: string, pos: number): string | null {
    if (!this.firsts.has(text[pos]!)) return null;
    for (const w of this.words) if (text.startsWith(w, pos)) return w;
    return null;
  }

  /** Longest word ending just before `pos`, or null. */
  endingAt(text: string, pos: number): string | null {
    if (!this.lasts.has(text[pos - 1]!)) return null;
    for (const w of this.words) {
      if (pos - w.length >= 0 && text.startsWith(w, pos - w.length)) return w;
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

/** A word list whose words map to a value ("底" → "end"). */
export class WordMap<V> extends WordList {
  constructor(private readonly map: ReadonlyMap<string, V>) {
    super(map.keys());
  }

  get(word: string): V | undefined {
    return this.map.get(word);
  }
}
