/**
 * Result exports for the moderator: one row per question, round and answer (archived rounds from
 * "run again" included), as CSV or as an xlsx workbook (exceljs). Empty values never fail.
 */
import ExcelJS from 'exceljs';
import type { PollsService } from './service.js';

export const EXPORT_HEADER = ['Question', 'Round', 'Answer', 'Votes', 'Percent', 'Ballots'] as const;
type Row = [string, number, string, number, number, number];

/** Every result row of a session, current rounds after the archived ones of each question. */
export async function resultRows(service: PollsService, sessionId: string): Promise<Row[]> {
  const questions = await service.questions(sessionId, 'moderator');
  const history = await service.history(sessionId);
  const rows: Row[] = [];
  for (const q of questions) {
    const rounds = history
      .filter((h) => h.question_id === q.id)
      .map((h) => ({ round: h.round, votes: h.votes, total: h.total }));
    rounds.push({ round: q.round, votes: q.votes, total: q.total ?? 0 });
    for (const r of rounds) {
      const sum = q.answers.reduce((acc, a) => acc + (r.votes[a] ?? 0), 0);
      for (const answer of q.answers) {
        const n = r.votes[answer] ?? 0;
        rows.push([
          q.question,
          r.round,
          answer,
          n,
          sum === 0 ? 0 : Math.round((n / sum) * 1000) / 10,
          r.total,
        ]);
      }
    }
  }
  return rows;
}

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: Row[]): string {
  return [EXPORT_HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function toXlsx(rows: Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Poll results');
  sheet.addRow([...EXPORT_HEADER]).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn(1).width = 40;
  sheet.getColumn(3).width = 30;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
