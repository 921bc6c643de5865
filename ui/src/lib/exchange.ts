// Words for the open-format export and import.
import type { ImportReport } from './bindings';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Imported practice.json: 4 added, 2 updated (persons and relationships)." */
export function importSummary(file: string, report: ImportReport): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  if (report.added === 0 && report.updated === 0) return `${name} held no persons or relationships; nothing changed.`;
  return `Imported ${name}: ${plural(report.added, 'record', 'records')} added, ${report.updated} updated (persons and relationships, with their diagnoses, screenings, clearances and consents).`;
}
