// Finding time expressions on the view and reading their value (SPEC §4): years
// with their month, day, half, quarter and 底/末/初; year-less months and days;
// ranges ("2009年-2014年", "2009-2011年", "（2005-2007）"); lists sharing one 年
// ("2009、2011、2013年"); dotted dates; five-year-plan periods. Roles are set
// later (role.ts); redacted years are returned for a veto.
import type { DatePatterns, Part } from "./patterns.js";
import * as chars from "../../text/chars.js";
import * as numerals from "./numerals.js";
import type { NumberRead } from "./numerals.js";

// Bound once: under the module runner of the tests and of the stage bench
// (vite-node) every use of an imported name is a getter call, which costs more
// than these small helpers themselves in the per-character loops below.
const { codeAt, isDigitCode } = chars;
const { isAsciiDigit, isAsciiLetterCode } = numerals;

export type Granularity = "year" | "half" | "quarter" | "month" | "day";

/** One date as written: a year with what narrows it, or a month/day without a year. */
export interface Atom {
  start: number;
  end: number;
  year: number | null;
  month: number | null;
  day: number | null;
  granularity: Granularity;
  part: Part | null;
  quarter: number | null;
  /** Last month of a month range inside one atom: "2018年1-6月". */
  monthEnd: number | null;
}

export type MatchKind = "single" | "range" | "list" | "period";

export interface DateMatch {
  start: number;
  end: number;
  kind: MatchKind;
  rule: string;
  date: string;
  dateEnd: string | null;
  granularity: Granularity;
  part: Part | null;
}

export interface ScanResult {
  matches: DateMatch[];
  /** Spans of redacted years ("201x年4月8日"): no record, a veto. */
  redacted: Array<{ start: number; end: number }>;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** ISO 8601 as precise as written; without a year the truncated form --MM / --MM-DD. */
export function iso(year: number | null, month: number | null, day: number | null): string {
  const md = month === null ? "" : `-${pad(month)}${day === null ? "" : `-${pad(day)}`}`;
  return year === null ? `-${md}` : `${year}${md}`;
}

function daysIn(year: number | null, month: number): number {
  if (month === 2) return year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * date and date_end of one atom. ISO 8601 has no quarter; "2017-Q1" is the
 * ISO-like form the project uses (a quarter needs a year to be written).
 */
function atomDates(a: Atom): { date: string; dateEnd: string | null } {
  if (a.quarter !== null) return { date: `${a.year}-Q${a.quarter}`, dateEnd: null };
  if (a.monthEnd !== null) return { date: iso(a.year, a.month, null), dateEnd: iso(a.year, a.monthEnd, null) };
  return { date: iso(a.year, a.month, a.day), dateEnd: null };
}

/** Comparable key of an atom's start, for checking that a range runs forward. */
function key(a: Atom): number {
  return (a.year ?? 0) * 10000 + (a.month ?? a.quarter ?? 0) * 100 + (a.day ?? 0);
}

/**
 * Every DateMatch is made here: objects from one place share one hidden class,
 * so the code that reads them stays optimised whichever form a report uses first.
 */
function dateMatch(
  start: number, end: number, kind: MatchKind, rule: string,
  date: string, dateEnd: string | null, granularity: Granularity, part: Part | null,
): DateMatch {
  return { start, end, kind, rule, date, dateEnd, granularity, part };
}

function single(a: Atom, rule: string, kind: MatchKind = a.monthEnd !== null ? "range" : "single"): DateMatch {
  const { date, dateEnd } = atomDates(a);
  return dateMatch(a.start, a.end, kind, rule, date, dateEnd, a.granularity, a.part);
}

/** Kinds of candidate positions (the bits in DatePatterns.startKind). */
export const START_DATE = 1;
export const START_RELATIVE = 2;
export const START_DOC_BRACKET = 4;

/**
 * Positions where a date, a relative date word or a document-number bracket may
 * start, ascending, with their kinds: found in one pass over the text, read by
 * the scanner and by the exclusions instead of three passes of their own.
 */
export interface CandidateStarts {
  at: Int32Array;
  kind: Uint8Array;
  count: number;
}

/**
 * Reused between documents (never two at once: the pipeline is synchronous); a
 * text longer than REUSE_MAX gets buffers of its own, not kept afterwards.
 */
let startBuffers: CandidateStarts = { at: new Int32Array(1024), kind: new Uint8Array(1024), count: 0 };
const REUSE_MAX = 1 << 20;

export function candidateStarts(t: string, p: DatePatterns): CandidateStarts {
  const any = p.anyStart;
  const reuse = t.length <= REUSE_MAX;
  let { at, kind } = reuse ? startBuffers : { at: new Int32Array(1024), kind: new Uint8Array(1024) };
  let count = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!any.has(c)) continue;
    const k = p.startKind.get(c)!;
    if (count === at.length) {
      const biggerAt = new Int32Array(2 * count);
      biggerAt.set(at);
      at = biggerAt;
      const biggerKind = new Uint8Array(2 * count);
      biggerKind.set(kind);
      kind = biggerKind;
    }
    at[count] = i;
    kind[count++] = k;
  }
  const out = { at, kind, count };
  if (reuse) startBuffers = out;
  return out;
}

export class DateScanner {
  private readonly n;

  constructor(private readonly t: string, private readonly p: DatePatterns) {
    this.n = p.numerals;
  }

  /**
   * Every date of the text, in text order. `starts`, when given, lists in
   * ascending order every position where one may start (see candidateStarts):
   * the text is then not walked again character by character.
   */
  scan(starts?: CandidateStarts): ScanResult {
    const matches: DateMatch[] = [];
    const redacted: Array<{ start: number; end: number }> = [];
    const t = this.t;
    if (starts) {
      let next = 0;
      for (let k = 0; k < starts.count; k++) {
        const i = starts.at[k]!;
        if (i >= next && starts.kind[k]! & START_DATE) next = this.scanAt(i, matches, redacted);
      }
    } else {
      for (let i = 0; i < t.length;) {
        if (this.p.dateStart.has(t.charCodeAt(i))) i = this.scanAt(i, matches, redacted);
        else i++;
      }
    }
    return { matches, redacted };
  }

  /** Read what starts at `i` (a character that may start a date) into the lists; returns where to go on. */
  private scanAt(i: number, matches: DateMatch[], redacted: Array<{ start: number; end: number }>): number {
    const red = this.redactedAt(i);
    if (red) {
      redacted.push({ start: red.start, end: red.end });
      return red.end;
    }
    const found = this.at(i);
    if (found === null) return i + 1;
    let end = i + 1;
    for (const m of found) {
      matches.push(m);
      end = Math.max(end, m.end);
    }
    return end;
  }

  /**
   * Every date that starts at `pos` (a list gives several), or null. (Null, not
   * an empty array: an empty literal has another hidden class than a filled one,
   * and the optimised scanner would be thrown away on meeting it.)
   */
  private at(pos: number): DateMatch[] | null {
    const period = this.periodAt(pos);
    if (period) return [period];
    const y = this.yearNumber(pos);
    if (y) {
      const dotted = this.dottedAt(pos, y);
      if (dotted) return [dotted];
      if (this.p.year.at(this.t, y.end)) {
        const a = this.yearAtom(pos, y);
        const range = this.rangeTail(a, "date/year-range");
        return [range ?? single(a, "date/year")];
      }
      return this.bareYearAt(pos, y);
    }
    const m = this.monthAtom(pos);
    if (m) return [this.rangeTail(m, "date/month-range") ?? single(m, "date/month-no-year")];
    return null;
  }

  /** A year in range: four digits or four Chinese numerals, not part of a longer number. */
  private yearNumber(pos: number): NumberRead | null {
    const y = this.n.year(this.t, pos);
    if (!y || y.value < this.p.yearMin || y.value > this.p.yearMax) return null;
    return y;
  }

  /** A year followed by 年 and what narrows it. */
  private yearAtom(pos: number, y: NumberRead): Atom {
    const unit = this.p.year.at(this.t, y.end)!;
    const atom: Atom = {
      start: pos, end: y.end + unit.length, year: y.value, month: null, day: null,
      granularity: "year", part: null, quarter: null, monthEnd: null,
    };
    this.narrowYear(atom);
    return atom;
  }

  /** Quarter, half, month (range), day and parts after "2018年". */
  private narrowYear(a: Atom): void {
    const t = this.t;
    const pos = a.end;
    const q = this.quarterAt(pos);
    if (q) {
      a.quarter = q.value;
      a.granularity = "quarter";
      a.end = q.end;
      this.partAt(a);
      return;
    }
    const half = this.p.halves.at(t, pos);
    if (half) {
      a.part = this.p.halves.get(half)!;
      a.granularity = "half";
      a.end = pos + half.length;
      return;
    }
    const m = this.monthNumber(pos);
    if (m) {
      this.narrowMonth(a, m);
      return;
    }
    if (this.partAt(a)) return;
    const tail = this.p.yearTail.at(t, pos);
    if (tail) a.end = pos + tail.length;
  }

  /** "1", "12", "十二" followed by 月, or a month range "1-6月". */
  private monthNumber(pos: number): { value: number; valueEnd: number | null; end: number; chinese: boolean } | null {
    const t = this.t;
    const m = this.n.small(t, pos);
    if (!m || m.value < 1 || m.value > 12) return null;
    const unit = this.p.month.at(t, m.end);
    if (unit) {
      if (this.p.monthNotBefore.at(t, m.end + unit.length)) return null;
      return { value: m.value, valueEnd: null, end: m.end + unit.length, chinese: m.chinese };
    }
    const sep = this.p.rangeSep.at(t, m.end);
    if (!sep) return null;
    const m2 = this.n.small(t, m.end + sep.length);
    if (!m2 || m2.chinese !== m.chinese || m2.value <= m.value || m2.value > 12) return null;
    const unit2 = this.p.month.at(t, m2.end);
    if (!unit2 || this.p.monthNotBefore.at(t, m2.end + unit2.length)) return null;
    return { value: m.value, valueEnd: m2.value, end: m2.end + unit2.length, chinese: m.chinese };
  }

  /** Fill month, then day or part or 份, into `a` from a month just read. */
  private narrowMonth(a: Atom, m: { value: number; valueEnd: number | null; end: number }): void {
    const t = this.t;
    a.month = m.value;
    a.monthEnd = m.valueEnd;
    a.granularity = "month";
    a.end = m.end;
    if (m.valueEnd === null) {
      const d = this.dayAt(a.end, a.year, a.month);
      if (d) {
        a.day = d.value;
        a.granularity = "day";
        a.end = d.end;
        return;
      }
    }
    if (this.partAt(a)) return;
    const tail = this.p.monthTail.at(t, a.end);
    if (tail) a.end += tail.length;
  }

  private dayAt(pos: number, year: number | null, month: number): { value: number; end: number } | null {
    const d = this.n.small(this.t, pos);
    if (!d || d.value < 1 || d.value > daysIn(year, month)) return null;
    const unit = this.p.day.at(this.t, d.end);
    return unit ? { value: d.value, end: d.end + unit.length } : null;
  }

  /** 底/末/初 at a.end, unless it starts another word ("2015年初步"). */
  private partAt(a: Atom): boolean {
    const t = this.t;
    const w = this.p.parts.at(t, a.end);
    if (!w) return false;
    if (this.p.partNotBefore.get(w)?.at(t, a.end + w.length)) return false;
    a.part = this.p.parts.get(w)!;
    a.end += w.length;
    return true;
  }

  /** "第一季度", "一季度", "4季度", "Q3". */
  private quarterAt(pos: number): { value: number; end: number } | null {
    const t = this.t;
    const letter = this.p.quarterLetter.at(t, pos);
    if (letter) {
      const d = t[pos + letter.length];
      if (d && d >= "1" && d <= "4" && !isAsciiDigit(t[pos + letter.length + 1])) return { value: Number(d), end: pos + letter.length + 1 };
      return null;
    }
    const pre = this.p.quarterPrefix.at(t, pos);
    const q = this.n.small(t, pos + (pre?.length ?? 0));
    if (!q || q.value < 1 || q.value > 4) return null;
    const suf = this.p.quarterSuffix.at(t, q.end);
    return suf ? { value: q.value, end: q.end + suf.length } : null;
  }

  /** A month without a year: "9月28日", "12月底", "3月份", "1-6月". */
  private monthAtom(pos: number): Atom | null {
    const t = this.t;
    const prev = codeAt(t, pos - 1);
    if (isDigitCode(prev) || prev === 0x2e || this.n.isChineseCode(prev) || isAsciiLetterCode(prev)) return null; // 0x2e: "."
    if (this.p.monthNotAfter.endingAt(t, pos)) return null;
    // "今年3月" is relative and "1800年3月" a year out of range: no date. "每年12月10日前"
    // names a month without a year and is one.
    const yw = this.p.year.endingAt(t, pos);
    if (yw) {
      const before = pos - yw.length;
      const beforeYear = codeAt(t, before - 1);
      if (this.p.relativeYears.endingAt(t, pos) || isDigitCode(beforeYear) || this.n.isChineseCode(beforeYear) ||
        this.p.redactedMarks.endingAt(t, before)) return null;
    }
    const m = this.monthNumber(pos);
    if (!m) return null;
    const a: Atom = {
      start: pos, end: pos, year: null, month: null, day: null,
      granularity: "month", part: null, quarter: null, monthEnd: null,
    };
    this.narrowMonth(a, m);
    // A Chinese numeral before 月 alone is too weak ("三月" may be a name); it needs a day, 份 or a part.
    if (m.chinese && a.end === m.end) return null;
    return a;
  }

  /** "2009年-2014年", "2015年3月至6月", "11月27日-28日": a second date after a separator. */
  private rangeTail(a: Atom, rule: string): DateMatch | null {
    if (a.monthEnd !== null || a.quarter !== null) return null;
    const t = this.t;
    const sep = this.p.rangeSep.at(t, a.end);
    if (!sep) return null;
    const j = a.end + sep.length;
    let b: Atom | null = null;
    let inherited = false;
    const y2 = this.yearNumber(j);
    if (y2 && this.p.year.at(t, y2.end)) b = this.yearAtom(j, y2);
    else if (a.month !== null) {
      inherited = true;
      const m = this.monthNumber(j);
      if (m && m.valueEnd === null) {
        b = { start: j, end: j, year: a.year, month: null, day: null, granularity: "month", part: null, quarter: null, monthEnd: null };
        this.narrowMonth(b, m);
      } else if (a.day !== null) {
        const d = this.dayAt(j, a.year, a.month);
        if (d) b = { start: j, end: d.end, year: a.year, month: a.month, day: d.value, granularity: "day", part: null, quarter: null, monthEnd: null };
      }
    }
    // "2019年12月—3月": a month before the first one runs into the next year.
    if (b && inherited && b.year !== null && b.month! < a.month!) b.year += 1;
    if (!b || (a.year === null) !== (b.year === null) || key(b) < key(a)) return null;
    if (a.year !== null && b.year! - a.year > 100) return null;
    const from = atomDates(a);
    const to = atomDates(b);
    return dateMatch(a.start, b.end, "range", rule, from.date, to.dateEnd ?? to.date, a.granularity, null);
  }

  /** A year number without 年: a range or list closed by 年, or a bracketed range. */
  private bareYearAt(pos: number, y: NumberRead): DateMatch[] | null {
    const t = this.t;
    const sep = this.p.rangeSep.at(t, y.end);
    if (sep) {
      const j = y.end + sep.length;
      const y2 = this.yearNumber(j);
      if (y2 && y2.value >= y.value && y2.value - y.value <= 100) {
        if (this.p.year.at(t, y2.end)) {
          // "2009-2011年", "2024至2024年": one range.
          const b = this.yearAtom(j, y2);
          const to = atomDates(b);
          return [dateMatch(pos, b.end, "range", "date/year-range", String(y.value), to.dateEnd ?? to.date, "year", null)];
        }
        // "规划（2005-2007）中": a bare range counts only when brackets hold exactly it.
        const br = this.p.rangeBrackets.find(([o, c]) => t.startsWith(o, pos - o.length) && t.startsWith(c, y2.end));
        if (br && !y.chinese && !y2.chinese) {
          return [dateMatch(pos, y2.end, "range", "date/bracketed-year-range", String(y.value), String(y2.value), "year", null)];
        }
      }
      return null;
    }
    // "2009、2011、2013年": every year of the list is a date.
    const items: Array<{ start: number; y: NumberRead }> = [{ start: pos, y }];
    let j = y.end;
    for (;;) {
      const ls = this.p.listSep.at(t, j);
      if (!ls) return null;
      const next = this.yearNumber(j + ls.length);
      if (!next || next.chinese !== y.chinese) return null;
      if (this.p.year.at(t, next.end)) {
        const last = this.yearAtom(j + ls.length, next);
        const out: DateMatch[] = [];
        for (const it of items) out.push(dateMatch(it.start, it.y.end, "list", "date/year-list", String(it.y.value), null, "year", null));
        out.push(single(last, "date/year-list", "list"));
        return out;
      }
      items.push({ start: j + ls.length, y: next });
      j = next.end;
    }
  }

  /** "2005.02.01", "2018-11-27", "2018/11/27": a full date in digits. */
  private dottedAt(pos: number, y: NumberRead): DateMatch | null {
    if (y.chinese) return null;
    const t = this.t;
    // The separator as a code unit first: after most years stands 年, and no string is made for it.
    const sepCode = codeAt(t, y.end);
    if (sepCode !== 0x2e && sepCode !== 0x2d && sepCode !== 0x2f) return null; // . - /
    const sep = t[y.end];
    const m = /^(\d{1,2})(.)(\d{1,2})/u.exec(t.slice(y.end + 1, y.end + 7));
    if (!m || m[2] !== sep) return null;
    const end = y.end + 1 + m[0].length;
    if (isAsciiDigit(t[end]) || ((t[end] === "." || t[end] === sep) && isAsciiDigit(t[end + 1]))) return null;
    const month = Number(m[1]);
    const day = Number(m[3]);
    if (month < 1 || month > 12 || day < 1 || day > daysIn(y.value, month)) return null;
    return dateMatch(pos, end, "single", "date/digits", iso(y.value, month, day), null, "day", null);
  }

  /** “十三五”, 十三五, “十三五”末: a five-year-plan period. */
  private periodAt(pos: number): DateMatch | null {
    const t = this.t;
    let start = pos;
    let nameAt = pos;
    let end = -1;
    let quoted = false;
    // Most positions start no quote: one bit read instead of a startsWith per quote.
    if (this.p.quoteStart.has(codeAt(t, pos))) for (const [o, c] of this.p.quotes) {
      if (!t.startsWith(o, pos)) continue;
      const name = this.p.periods.at(t, pos + o.length);
      if (!name) continue;
      nameAt = pos + o.length;
      quoted = true;
      if (t.startsWith(c, nameAt + name.length)) end = nameAt + name.length + c.length;
      else { start = nameAt; end = nameAt + name.length; }
      break;
    }
    if (!quoted) {
      // The name first: at most positions none starts, and that is one bit read.
      const name = this.p.periods.at(t, pos);
      if (!name) return null;
      if (this.n.isChineseCode(codeAt(t, pos - 1)) || this.p.periodNotAfter.endingAt(t, pos)) return null;
      end = pos + name.length;
    }
    const name = this.p.periods.at(t, nameAt)!;
    const period = this.p.periods.get(name)!;
    if (this.n.isChineseCode(codeAt(t, nameAt + name.length)) && !this.p.periodContext.at(t, nameAt + name.length)) return null;
    if (!quoted && period.needsContext && !this.p.periodContext.at(t, end)) return null;
    const a: Atom = {
      start, end, year: null, month: null, day: null, granularity: "year", part: null, quarter: null, monthEnd: null,
    };
    this.partAt(a);
    if (a.part === "end") return dateMatch(start, a.end, "single", "date/period", String(period.end), null, "year", "end");
    if (a.part === "start") return dateMatch(start, a.end, "single", "date/period", String(period.start), null, "year", "start");
    return dateMatch(start, end, "period", "date/period", String(period.start), String(period.end), "year", null);
  }

  /** "201x年", "20XX年4月8日", "××年底": a year whose digits are hidden. */
  private redactedAt(pos: number): { start: number; end: number } | null {
    const t = this.t;
    const prev = codeAt(t, pos - 1);
    if (isDigitCode(prev) || isAsciiLetterCode(prev)) return null;
    let j = pos;
    let marks = 0;
    while (j - pos < 4) {
      if (isDigitCode(codeAt(t, j))) { j++; continue; }
      const mk = this.p.redactedMarks.at(t, j);
      if (!mk) break;
      marks++;
      j += mk.length;
    }
    if (marks === 0 || j - pos < 2 || !this.p.year.at(t, j)) return null;
    const a: Atom = {
      start: pos, end: j + this.p.year.at(t, j)!.length, year: null, month: null, day: null,
      granularity: "year", part: null, quarter: null, monthEnd: null,
    };
    this.narrowYear(a);
    return { start: pos, end: a.end };
  }

  /**
   * Read relative-date tails after a relative year word at `pos` ("今年" + "3月"):
   * the end of everything that belongs to it, for the veto span.
   */
  narrowAfter(pos: number): number {
    const a: Atom = {
      start: pos, end: pos, year: null, month: null, day: null, granularity: "year", part: null, quarter: null, monthEnd: null,
    };
    this.narrowYear(a);
    return a.end;
  }
}
