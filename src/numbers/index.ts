// The shared number reader. `numberReader(patterns)` is built once per pattern
// set from patterns/scales.yaml and offers:
//   parse("二〇三五") → {value: 2035, max: null}; parse("两三") → {value: 2, max: 3};
//   parse("698.1万") → {value: 6981000, …}; parseChineseExact("二十七") → 27;
//   readAt(text, i) → the numeral at i (Arabic with separators and decimals, or
//   Chinese), with its trailing 万/亿 group; readScale / readOver /
//   readRangeConnector / readFractionPrefix for what follows it; find(text) → all.
export { NumberReader, numberReader, tidy, type Joins, type NumeralRead, type ReadOptions, type ScaleRead } from "./reader.js";
export { parseChinese, parseChineseExact, type ChineseValue } from "./chinese.js";
export { numeralTables, alternation, escapeRe, type NumeralTables } from "./tables.js";
