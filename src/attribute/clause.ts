// Clauses of a sentence: the unit attribution reads around a figure. A clause is
// segmented into words only on demand, and the segmenter caches per clause string.
import { segment, type Token } from "../text/segment.js";
import { endsClause } from "./time.js";

export interface Clause {
  start: number;
  end: number;
}

/**
 * Clauses of the sentence [start, end): split at ，；：。 and line breaks, and at
 * brackets that hold a clause of their own ("（其中：乡镇卫生院77个、…）") but not
 * at a short bracket inside a name ("按病种收费（支付）项目").
 */
export function splitClauses(
  text: string,
  start: number,
  end: number,
  /** Whether a bracket's inner text is an aside inside a phrase ("不含药品、耗材收入"). */
  aside?: (inner: string) => boolean,
): Clause[] {
  const cuts: number[] = [];
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // "78。5万人次": 。 between digits is a typo for a decimal point (SPEC §3).
    if (endsClause(text, i) && !thousandsComma(text, i)) cuts.push(i);
    // "2\t家庭医生签约服务覆盖率达到45%以上\t县卫生健康局": a tab, or a run of
    // spaces aligning a column, ends a table cell; no phrase runs across it.
    else if (c === 0x09 || (c === 0x20 && (text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i - 1) === 0x20))) cuts.push(i);
    else if (c === 0x28 || c === 0xff08) {
      const close = text.slice(i + 1, Math.min(end, i + 200)).search(/[)）]/u);
      const inner = close >= 0 ? text.slice(i + 1, i + 1 + close) : text.slice(i + 1, end);
      // "省（区、市）", "细颗粒物（PM2.5）" are names; "（其中：乡镇卫生院77个、…）" is a clause.
      const listInName = (inner.length <= 6 && !/[0-9:：，,；;]/u.test(inner)) || /^[A-Za-z][A-Za-z0-9.]{0,7}$/u.test(inner);
      // "医疗服务收入（不含药品、耗材、检查、化验收入）占医疗收入的比例": an aside
      // without a figure of its own stays inside the phrase around it.
      const isAside = close >= 0 && !!aside && !/[0-9:：，,；;]/u.test(inner) && aside(inner);
      if (close < 0 || (!listInName && !isAside && (inner.length > 10 || /[0-9:：、，,；;]/u.test(inner)))) {
        cuts.push(i);
        if (close >= 0) cuts.push(i + 1 + close);
      } else {
        i += close + 1;
      }
    }
  }
  const out: Clause[] = [];
  let s = start;
  for (const c of cuts) {
    if (c > s) out.push({ start: s, end: c });
    s = c + 1;
  }
  if (end > s) out.push({ start: s, end });
  return out;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * "在职职工1,364万、退休人员498万": a comma between digits with exactly three
 * digits after it (and after every further comma) separates thousands (SPEC §3).
 */
function thousandsComma(text: string, i: number): boolean {
  const ch = text[i];
  if ((ch !== "," && ch !== "\uff0c") || !isDigit(text.charCodeAt(i - 1))) return false;
  let k = i;
  while (text[k] === "," || text[k] === "\uff0c") {
    for (let d = 1; d <= 3; d++) if (!isDigit(text.charCodeAt(k + d))) return false;
    k += 4;
  }
  return !isDigit(text.charCodeAt(k));
}

/**
 * Words of a clause in view offsets. Only asked for where word lists cannot
 * decide (whether 将 is the future auxiliary), so segmentation stays rare.
 */
export class ClauseWords {
  readonly tokens: Token[];

  constructor(text: string, readonly clause: Clause) {
    this.tokens = segment(text.slice(clause.start, clause.end)).map((t) => ({
      ...t,
      start: t.start + clause.start,
      end: t.end + clause.start,
    }));
  }

  /** The token starting at `pos`, if any. */
  at(pos: number): Token | undefined {
    return this.tokens.find((t) => t.start === pos);
  }
}

/** A verb in the segmenter's tags (not a verbal noun "vn"). */
export function isVerbTag(tag: string): boolean {
  return tag === "v" || tag === "vd" || tag === "vi" || tag === "vg" || tag === "vq";
}
