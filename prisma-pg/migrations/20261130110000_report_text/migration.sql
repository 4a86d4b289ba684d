-- A report's narratives apart from its content (decision 0840). Rows move at their next save:
-- which texts are narratives is the format definition's to say (lib/report/content-split.ts),
-- so a row without a ReportText row is the whole report, as before. Stored as Report.content is
-- (decision 0750): compressed, in the row where it fits.
CREATE TABLE "ReportText" (
    "reportId" TEXT NOT NULL,
    "narratives" TEXT NOT NULL,
    CONSTRAINT "ReportText_pkey" PRIMARY KEY ("reportId")
);
ALTER TABLE "ReportText" ADD CONSTRAINT "ReportText_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
DO E'BEGIN IF EXISTS (SELECT 1 FROM pg_settings WHERE name = ''default_toast_compression'' AND ''lz4'' = ANY (enumvals)) THEN ALTER TABLE "ReportText" ALTER COLUMN "narratives" SET COMPRESSION lz4\073 END IF\073 END';
ALTER TABLE "ReportText" ALTER COLUMN "narratives" SET STORAGE MAIN;
