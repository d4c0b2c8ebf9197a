// Stub until attribution lands: fields keep the defaults their extractor gave.
import type { DateCandidate, DocumentContext, MetricCandidate } from "../extract/types.js";

export function attributeMetrics(_ctx: DocumentContext, _metrics: MetricCandidate[], _dates: DateCandidate[]): void {}
