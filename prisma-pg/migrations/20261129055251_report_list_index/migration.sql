-- A covering index for the report lists (lib/data/report-table.ts listReportRows), searched by
-- agency: every column a list reads, so a list page never reads a row and its large content column
CREATE INDEX "Report_list_idx" ON "Report"("agencyId", "year", "updatedAt", "id", "status", "kind", "scope", "formatVersion", "edition", "version", "errorCount", "warningCount", "blankCount");
