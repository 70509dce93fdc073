import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { DbOrTx } from "@/db/client";
import { streamConventionTabRows, type ConventionExportRow } from "@/db/queries/convention-export";
import type { ConventionSortId } from "@/db/queries/convention-tab";
import type { Actor } from "@/lib/core/auth/actor";
import { conventionStateLabels, type ConventionState } from "@/lib/core/conventions/convention-state-machine";
import type { ConventionTabFilters } from "@/lib/core/conventions/convention-tab-filters";
import { verificationText } from "@/lib/core/conventions/convention-verification";
import { CSV_BOM, csvLine } from "@/lib/core/exports/csv-line";
import { formatDateFr } from "@/lib/core/format-date";
import type { TableQuery } from "@/lib/core/tables/table-query";
import { parisToday } from "@/lib/server/internships/paris-today";

export type ExportFormat = "csv" | "xlsx";

const headers = [
  "Nom", "Prénom", "Responsable légal", "Établissement d'origine", "Établissement d'accueil", "Stage", "Date du stage",
  "État", "Vérification", "Dernière relance", "N° de convention",
];

function cellsOf(row: ConventionExportRow): string[] {
  return [
    row.studentLastName.toUpperCase(), row.studentFirstName, row.guardianName, row.originSchoolName, row.hostSchoolName, row.internshipTitle,
    formatDateFr(row.internshipDate), conventionStateLabels[row.state], verificationText(row.verification, row.invalidationReason),
    row.lastRemindedAt ? formatDateFr(row.lastRemindedAt) : "", row.id,
  ];
}

/** "2026-02-03" → a Date at midnight UTC, which Excel shows as that very day whatever the reader's time zone. */
function excelDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

function csvStream(rows: AsyncGenerator<ConventionExportRow[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let isStarted = false;
  return new ReadableStream<Uint8Array>({
    // Pulled by the response: the next batch is read only when the previous one has gone out.
    async pull(controller) {
      if (!isStarted) {
        isStarted = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(headers)));
        return;
      }
      const next = await rows.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map((row) => csvLine(cellsOf(row))).join("")));
    },
    async cancel() {
      await rows.return(undefined);
    },
  }, { highWaterMark: 1 });
}

function xlsxStream(rows: AsyncGenerator<ConventionExportRow[]>, sheetName: string): ReadableStream<Uint8Array> {
  const output = new PassThrough({ highWaterMark: 1 << 20 });
  // Rows are committed as they come (no shared strings table): the workbook never sits whole in memory.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = headers.map((header, index) => ({
    header, key: String(index), width: index === 10 ? 38 : index === 6 || index === 9 ? 14 : 22,
    ...(index === 6 || index === 9 ? { style: { numFmt: "dd-mm-yyyy" } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const waitForRoom = () => new Promise<void>((resolve) => {
    if (output.writableLength < output.writableHighWaterMark) resolve();
    else output.once("drain", () => resolve());
  });
  void (async () => {
    try {
      for await (const batch of rows) {
        for (const row of batch) {
          const cells: (string | Date)[] = cellsOf(row);
          cells[6] = excelDate(row.internshipDate);
          // The day of the reminder as read in France.
          if (row.lastRemindedAt) cells[9] = excelDate(parisToday(row.lastRemindedAt));
          sheet.addRow(cells).commit();
        }
        // The reader sets the pace: the next batch waits until the zip stream has room.
        await waitForRoom();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

/**
 * « Exporter »: every row of a tab with its search, filters and sort, as CSV for French Excel
 * (UTF-8 with BOM, semicolons, dates jj-mm-aaaa) or as XLSX, streamed batch by batch.
 */
export function exportConventionTab(
  db: DbOrTx,
  { actor, state, query, filters, format, tabLabel }: {
    actor: Actor; state: ConventionState; query: Pick<TableQuery<ConventionSortId>, "q" | "sort" | "order">;
    filters: ConventionTabFilters; format: ExportFormat; tabLabel: string;
  },
): ReadableStream<Uint8Array> {
  const rows = streamConventionTabRows(db, actor, state, query, filters);
  return format === "csv" ? csvStream(rows) : xlsxStream(rows, tabLabel.slice(0, 31));
}
