-- A report's narratives apart from its content (decision 0840). Rows move at their next save:
-- which texts are narratives is the format definition's to say (lib/report/content-split.ts),
-- so a row without a ReportText row is the whole report, as before.
CREATE TABLE "ReportText" (
    "reportId" TEXT NOT NULL PRIMARY KEY,
    "narratives" TEXT NOT NULL,
    CONSTRAINT "ReportText_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
