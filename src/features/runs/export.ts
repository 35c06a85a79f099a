/**
 * The xlsx export with the seed's layout: one sheet (`Wipe Counter` or `Speedrun`), row 1 the game,
 * row 2 the run, row 3 the header, a row per segment in id order, an empty row, then `Total`.
 * Durations are numbers rounded to 2 places; an empty timer counts as 0 (the seed crashed on it).
 */
import ExcelJS from 'exceljs';
import type { TimerRow, WipeRow } from './store.js';
import { elapsedAt } from './views.js';

export interface ExportFile {
  filename: string;
  buffer: Buffer;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function buildWorkbook(
  input: { runId: number; runName: string; gameName: string; mode: string },
  segments: { wipes: WipeRow[]; timers: TimerRow[] },
  now: number,
): Promise<ExportFile | null> {
  const workbook = new ExcelJS.Workbook();
  let filename: string;
  if (input.mode === 'WIPECOUNTER') {
    const sheet = workbook.addWorksheet('Wipe Counter');
    sheet.addRow([input.gameName]);
    sheet.addRow([input.runName]);
    sheet.addRow(['Segment', 'Wipes']);
    for (const w of segments.wipes) sheet.addRow([w.segmentName, w.count]);
    sheet.addRow([]);
    sheet.addRow(['Total', segments.wipes.reduce((sum, w) => sum + w.count, 0)]);
    filename = `wipes_run_${input.runId}.xlsx`;
  } else if (input.mode === 'SPEEDRUN') {
    const sheet = workbook.addWorksheet('Speedrun');
    sheet.addRow([input.gameName]);
    sheet.addRow([input.runName]);
    sheet.addRow(['Segment', 'Time (s)']);
    let total = 0;
    for (const t of segments.timers) {
      const seconds = elapsedAt(t, now) ?? 0;
      total += seconds;
      sheet.addRow([t.segmentName, round2(seconds)]);
    }
    sheet.addRow([]);
    sheet.addRow(['Total', round2(total)]);
    filename = `speedrun_run_${input.runId}.xlsx`;
  } else {
    return null;
  }
  const data = await workbook.xlsx.writeBuffer();
  return { filename, buffer: Buffer.from(data as ArrayBuffer) };
}
