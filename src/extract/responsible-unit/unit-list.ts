// Splits the body of a note or table cell into units (SPEC §5): on 、 , ; and the
// stray "<" ">>" a page break leaves, never inside nested brackets; one-character
// fragments stay with their organisation ("各区、市、县人民政府" is one unit); "由"
// before and role verbs / "等" after a unit are not part of its span.
import type { TextView } from "../../text/view.js";
import { isOrgName, type UnitPatterns, type UnitRole } from "./patterns.js";

export interface ParsedUnit {
  /** View offsets of the unit as it stands in the text. */
  start: number;
  end: number;
  name: string;
  role: UnitRole;
  /** 1-based order within its list (per keyword, per verb group). */
  position: number;
}

export interface ListOptions {
  /** Role given by the note's keyword; null for verb phrasings, where every unit needs a verb. */
  role: UnitRole | null;
  /**
   * Verb phrasings only: every fragment must read as an organisation, or the
   * whole text is ordinary prose and yields nothing.
   */
  strict: boolean;
  /**
   * Whether the view deleted a lone space just before index `i`: "市卫健委 市财政局"
   * reads "市卫健委市财政局" in the view, and the space was the separator.
   */
  gapBefore?: (i: number) => boolean;
}

const SEPARATOR = "、,，;；<>";
const OPEN = "(（[【〔";
const CLOSE = ")）]】〕";

// What each character is to `fragments`, by UTF-16 code: it visits every
// character of every list, so it looks codes up rather than testing strings.
const OPENS = 1;
const CLOSES = 2;
const SEPARATES = 4;
const KIND = new Uint8Array(0x10000);
for (const [chars, kind] of [[OPEN, OPENS], [CLOSE, CLOSES], [SEPARATOR, SEPARATES]] as const) {
  for (const ch of chars) KIND[ch.charCodeAt(0)] |= kind;
}
const TAB = 9;
const SPACE = 32;

/** A `gapBefore` for text read from `view`: a lone space there was deleted. */
export function deletedSpaces(view: TextView): (i: number) => boolean {
  return (i) => {
    if (i <= 0 || i >= view.text.length) return false;
    const a = view.toOriginalEnd(i);
    const b = view.toOriginalStart(i);
    return b > a && /^[ \u3000]+$/u.test(view.original.slice(a, b));
  };
}

/**
 * What a class regex says of each BMP code unit, asked once per code and kept:
 * the hot loops below test characters one by one, and most names hold none of
 * the characters they look for, so a table lookup answers where a regex run
 * per call would cost far more. Surrogates are never looked up here (a regex in
 * Unicode mode reads a pair as one character): callers treat them apart.
 */
class CharClass {
  /** 0 = not asked yet, 1 = outside the class, 2 = inside. */
  private readonly known = new Uint8Array(0x10000);

  constructor(private readonly re: RegExp) {}

  has(code: number): boolean {
    let k = this.known[code]!;
    if (k === 0) this.known[code] = k = this.re.test(String.fromCharCode(code)) ? 2 : 1;
    return k === 2;
  }
}

const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;
/**
 * A CJK ideograph (U+4E00–U+9FFF) is a letter: never a bracket, separator,
 * punctuation, symbol or blank. Most characters of a list are ideographs, so they
 * are passed over before any table is touched.
 */
const isIdeograph = (code: number) => code >= 0x4e00 && code <= 0x9fff;

const NAME_DROP_RE = /[\p{P}\p{S}\p{Z}\s]/gu;
const NAME_DROP = new CharClass(/^[\p{P}\p{S}\p{Z}\s]$/u);

/** The name of a unit: its text without punctuation, symbols, spaces or line breaks. */
export function cleanName(text: string): string {
  // The kept runs are copied by hand: a regex replace costs a runtime call on
  // every name, and most names drop nothing. A surrogate (a character outside
  // the BMP, perhaps a symbol) leaves it to the regex.
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isIdeograph(c)) continue;
    if (isSurrogate(c)) return text.replace(NAME_DROP_RE, "");
    if (!NAME_DROP.has(c)) continue;
    out += text.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

interface Fragment {
  start: number;
  end: number;
}

/** Top-level fragments of text[start, end): separators inside brackets do not split. */
function fragments(text: string, start: number, end: number): Fragment[] {
  const out: Fragment[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : -1;
    const kind = c < 0 || isIdeograph(c) ? 0 : KIND[c]!;
    if (kind & OPENS) depth++;
    else if (kind & CLOSES && depth > 0) depth--;
    // A tab, or a space before a space or tab, separates too.
    const next = c === SPACE ? text.charCodeAt(i + 1) : -1;
    const isSep = i === end ||
      (depth === 0 && ((kind & SEPARATES) !== 0 || c === TAB || (c === SPACE && (next === SPACE || next === TAB))));
    if (!isSep) continue;
    out.push(trimFragment(text, from, i));
    from = i + 1;
  }
  return out;
}

/** What a fragment sheds at either end: blanks, quotes, stray page-break marks, stops. */
const FRAGMENT_TRIM = new CharClass(/^[\s<>《》"“”'‘’·.。:]$/u);

function trimFragment(text: string, s: number, e: number): Fragment {
  // No surrogate is in the class, so code units are tested one by one.
  const trims = (c: number) => !isIdeograph(c) && FRAGMENT_TRIM.has(c);
  let a = s;
  while (a < e && trims(text.charCodeAt(a))) a++;
  if (a >= e) return { start: s, end: s };
  let b = e;
  while (b > a && trims(text.charCodeAt(b - 1))) b--;
  return { start: a, end: b };
}

/**
 * "各区、市、县人民政府": a one-character fragment joins the next fragment, and the
 * previous one too when that is as short as two characters; a two-character
 * fragment that is no organisation ("各县、区政府") joins the next.
 */
function mergeShort(text: string, frags: Fragment[], p: UnitPatterns): Fragment[] {
  // Each fragment's name length, read once: the rules below look at neighbours too.
  const lens = frags.map((f) => cleanName(text.slice(f.start, f.end)).length);
  const len = (i: number) => lens[i]!;
  const link = new Array<boolean>(frags.length).fill(false); // link[i]: frags[i] joins frags[i+1]
  for (let i = 0; i < frags.length; i++) {
    const n = len(i);
    if (n === 0) continue;
    const hasNext = i + 1 < frags.length && len(i + 1) > 0;
    if (n === 1) {
      if (hasNext) link[i] = true;
      if (i > 0 && len(i - 1) > 0 && (len(i - 1) <= 2 || !hasNext)) link[i - 1] = true;
    } else if (n === 2 && hasNext && !isOrgName(p, cleanName(text.slice(frags[i]!.start, frags[i]!.end)))) {
      link[i] = true;
    }
  }
  const out: Fragment[] = [];
  let cur: Fragment | null = null;
  for (let i = 0; i < frags.length; i++) {
    const f = frags[i]!;
    cur = cur ? { start: cur.start, end: f.end } : { ...f };
    if (!link[i]) {
      out.push(cur);
      cur = null;
    }
  }
  if (cur) out.push(cur);
  return out;
}

interface Piece {
  start: number;
  end: number;
  name: string;
  /** Role from a verb that closes the group at this piece, if any. */
  verb: UnitRole | null;
  /** "市卫生健康委(牵头)": a bracketed verb speaks for this unit alone. */
  own?: UnitRole;
}

/** Whether text[…, e) ends in a closing bracket: asked before a regex that must end in one runs. */
function endsInBracket(text: string, e: number): boolean {
  const c = text.charCodeAt(e - 1);
  return c === 0x29 || c === 0xff09; // ")" "）"
}

/** Strips "由" before, a role verb and "等" after a fragment; reads the verb's role. */
function strip(text: string, f: Fragment, p: UnitPatterns): Piece | null {
  let s = f.start;
  let e = f.end;
  let verb: UnitRole | null = null;
  const m0 = p.prefixRe.exec(text.slice(s, e));
  if (m0) s += m0[0].length;
  // "市卫生健康委(牵头)": the verb may stand in brackets after the name.
  const mb = endsInBracket(text, e) ? /[(（]([^()（）]{1,8})[)）]$/u.exec(text.slice(s, e)) : null;
  const bracketVerb = mb ? p.verbRole.get(mb[1]!) : undefined;
  let own: UnitRole | undefined;
  if (mb && bracketVerb) {
    own = bracketVerb;
    e -= mb[0].length;
  } else {
    const mv = p.verbAtEnd.exec(text.slice(s, e));
    if (mv) {
      verb = p.verbRole.get(mv[1]!) ?? null;
      e -= mv[1]!.length;
    }
  }
  // "市财政局等按职责": strip trailing words one by one while a name remains.
  for (let ms = p.suffixRe.exec(text.slice(s, e)); ms && e - ms[0].length - s >= 2; ms = p.suffixRe.exec(text.slice(s, e))) {
    e -= ms[0].length;
  }
  const t = trimFragment(text, s, e);
  if (t.end <= t.start) return verb ? { start: t.start, end: t.start, name: "", verb } : null;
  return { start: t.start, end: t.end, name: cleanName(text.slice(t.start, t.end)), verb, ...(own ? { own } : {}) };
}

/**
 * "各区市县政府(先导区管委会)": an organisation in brackets at the end of another
 * is a unit of its own; "各县(市、区)人民政府" keeps its brackets inside the name.
 */
function splitTrailingBracket(text: string, piece: Piece, p: UnitPatterns): Piece[] {
  if (!endsInBracket(text, piece.end)) return [piece];
  const body = text.slice(piece.start, piece.end);
  const m = /^(.+?)[(（]([^()（）]+)[)）]$/u.exec(body);
  if (!m) return [piece];
  const outer = cleanName(m[1]!);
  const inner = cleanName(m[2]!);
  if (!isOrgName(p, outer) || !isOrgName(p, inner) || !p.orgEnd.test(inner) || inner.length < 3) return [piece];
  const innerStart = piece.start + m[1]!.length + 1;
  return [
    { ...piece, end: piece.start + m[1]!.length, name: outer, verb: null },
    { ...piece, start: innerStart, end: innerStart + m[2]!.length, name: inner },
  ];
}

/**
 * Splits a piece where two organisations meet at a conjunction or a deleted
 * space; "市发展和改革委员会" stays whole because "市发展" is no organisation.
 */
function splitJoined(text: string, piece: Piece, p: UnitPatterns, gapBefore?: (i: number) => boolean): Piece[] {
  const body = text.slice(piece.start, piece.end);
  const cuts: Array<[number, number]> = [];
  // "市卫健委和市财政局": a conjunction between two organisations separates them.
  // (exec on the shared global regex: matchAll would clone it on every call)
  p.conjunction.lastIndex = 0;
  for (let m = p.conjunction.exec(body); m; m = p.conjunction.exec(body)) cuts.push([m.index, m.index + m[0].length]);
  if (gapBefore) for (let i = 1; i < body.length; i++) if (gapBefore(piece.start + i)) cuts.push([i, i]);
  cuts.sort((a, b) => a[0] - b[0]);
  const out: Piece[] = [];
  let from = 0;
  for (const [a, b] of cuts) {
    if (a <= from) continue;
    const left = cleanName(body.slice(from, a));
    const right = cleanName(body.slice(b));
    if (!p.orgEnd.test(left) || !isOrgName(p, left) || !isOrgName(p, right)) continue;
    out.push({ start: piece.start + from, end: piece.start + a, name: left, verb: null });
    from = b;
  }
  if (!out.length) return [piece];
  out.push({ ...piece, start: piece.start + from, name: cleanName(body.slice(from)) });
  return out;
}

/**
 * Units of text[start, end). Returns null when `strict` and some fragment is not
 * an organisation, or when a verb phrasing leaves units without a role.
 */
export function parseUnitList(
  text: string, start: number, end: number, p: UnitPatterns, opts: ListOptions,
): ParsedUnit[] | null {
  const pieces: Piece[] = [];
  for (const f of mergeShort(text, fragments(text, start, end), p)) {
    if (f.end <= f.start) continue;
    const raw = cleanName(text.slice(f.start, f.end));
    if (p.filler.test(raw)) continue;
    const piece = strip(text, f, p);
    if (!piece) continue;
    if (piece.name && (p.nonUnit.test(piece.name) || !isOrgLike(p, piece.name, opts.strict))) {
      if (opts.strict) return null;
      continue;
    }
    if (!piece.name) {
      pieces.push(piece);
      continue;
    }
    for (const part of splitJoined(text, piece, p, opts.gapBefore)) pieces.push(...splitTrailingBracket(text, part, p));
  }
  // Groups close at each verb; units after the last verb take the keyword's role.
  // Positions count per keyword list, or per verb group when there is no keyword.
  const out: ParsedUnit[] = [];
  let group: Piece[] = [];
  let sawVerb = false;
  let position = 0;
  const flush = (role: UnitRole | null) => {
    const named = group.filter((g) => g.name);
    if (named.some((g) => !g.own) && role === null) return false;
    if (opts.role === null) position = 0;
    for (const g of named) out.push({ start: g.start, end: g.end, name: g.name, role: (g.own ?? role)!, position: ++position });
    group = [];
    return true;
  };
  for (const piece of pieces) {
    group.push(piece);
    if (piece.own) sawVerb = true;
    if (piece.verb) {
      sawVerb = true;
      // Inside a keyword note, "负责" restates the keyword; 牵头 / 配合 refine it.
      const role = opts.role && piece.verb === "responsible" ? opts.role : piece.verb;
      flush(role);
    }
  }
  if (group.some((g) => g.name) && !flush(opts.role)) return null;
  if (opts.role === null && !sawVerb) return null;
  return out;
}

function isOrgLike(p: UnitPatterns, name: string, strict: boolean): boolean {
  if (strict) return isOrgName(p, name);
  // Keyword notes name units by definition; only reject what cannot be a name.
  return name.length >= 2 && name.length <= 40 && !p.notOrg.test(name);
}
