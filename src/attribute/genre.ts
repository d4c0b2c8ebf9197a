// Stub until attribution lands: every document is a report of achievements.
import type { DocumentContext, Genre } from "../extract/types.js";

export function detectGenre(_ctx: DocumentContext): Genre {
  return "report";
}
