// The responsibility matrix of `policy-extract units`: one row per organisation
// named in responsible_unit records, with how many tasks it holds in each role,
// how many tasks in all, and how many of those it holds alone or jointly with
// other organisations. Rows come as plain arrays, ready for a CSV writer.
import type { AnyRecord, ResponsibleUnitRecord } from "../records.js";

export const UNIT_ROLES = ["responsible", "lead", "cooperating"] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

export interface MatrixRow {
  organisation: string;
  responsible: number;
  lead: number;
  cooperating: number;
  /** Distinct tasks the organisation appears in, whatever its role. */
  tasks: number;
  /** Tasks where it is the only organisation named. */
  alone: number;
  /** Tasks it shares with at least one other organisation. */
  jointly: number;
}

export const MATRIX_HEADER = ["organisation", "responsible", "lead", "cooperating", "tasks", "alone", "jointly"] as const;

/**
 * Which task a record belongs to. Records of one document with the same task
 * number and title are one task; without a task, the note's section and
 * sentence stand in for it.
 */
function taskKey(r: ResponsibleUnitRecord): string {
  const where = r.task && (r.task.number !== null || r.task.title !== null)
    ? `task\u0000${r.task.number ?? ""}\u0000${r.task.title ?? ""}`
    : `note\u0000${r.section.join("\u0001")}\u0000${r.sentence}`;
  return `${r.doc}\u0000${where}`;
}

export function responsibilityMatrix(records: readonly AnyRecord[]): MatrixRow[] {
  const units = records.filter((r): r is ResponsibleUnitRecord => r.type === "responsible_unit");
  /** task → organisations named in it */
  const members = new Map<string, Set<string>>();
  /** organisation → role → tasks */
  const roles = new Map<string, Record<UnitRole, Set<string>>>();
  for (const r of units) {
    const name = r.name.trim();
    if (!name) continue;
    const key = taskKey(r);
    let set = members.get(key);
    if (!set) members.set(key, (set = new Set()));
    set.add(name);
    let byRole = roles.get(name);
    if (!byRole) roles.set(name, (byRole = { responsible: new Set(), lead: new Set(), cooperating: new Set() }));
    byRole[r.role].add(key);
  }
  const rows: MatrixRow[] = [];
  for (const [organisation, byRole] of roles) {
    const tasks = new Set([...byRole.responsible, ...byRole.lead, ...byRole.cooperating]);
    let alone = 0;
    for (const t of tasks) if (members.get(t)!.size === 1) alone++;
    rows.push({
      organisation,
      responsible: byRole.responsible.size,
      lead: byRole.lead.size,
      cooperating: byRole.cooperating.size,
      tasks: tasks.size,
      alone,
      jointly: tasks.size - alone,
    });
  }
  // Busiest organisations first; ties in a fixed order so output is reproducible.
  return rows.sort((a, b) =>
    b.tasks - a.tasks ||
    (b.lead + b.responsible) - (a.lead + a.responsible) ||
    (a.organisation < b.organisation ? -1 : a.organisation > b.organisation ? 1 : 0));
}

/** Header and rows as arrays, in MATRIX_HEADER order, for a CSV/TSV writer. */
export function matrixTable(rows: readonly MatrixRow[]): Array<Array<string | number>> {
  return [[...MATRIX_HEADER], ...rows.map((r) => MATRIX_HEADER.map((k) => r[k]))];
}
