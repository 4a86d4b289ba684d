-- Saved selections of agencies for the roll-up (decision 0411)
CREATE TABLE "AgencySelection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "agencyIds" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "AgencySelection_agencyId_name_key" ON "AgencySelection"("agencyId", "name");

-- Bulk-download cleanup (decision 0412): progress time and reason of a job, claims of an entry
ALTER TABLE "BulkDownload" ADD COLUMN "touchedAt" DATETIME;
ALTER TABLE "BulkDownload" ADD COLUMN "error" TEXT;
ALTER TABLE "BulkDownloadEntry" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;

-- A frozen version's table cells, for the roll-up (decision 0410)
CREATE TABLE "ReportVersionCells" (
    "versionId" TEXT NOT NULL PRIMARY KEY,
    "paths" TEXT NOT NULL,
    "cells" TEXT NOT NULL
);
