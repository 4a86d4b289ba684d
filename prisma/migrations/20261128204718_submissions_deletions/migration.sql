-- Submission snapshots (a reviewer compares a resubmission with the previous one) and
-- tombstones of deleted drafts (docs/decisions/0070).
CREATE TABLE "ReportSubmission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "edition" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "contentVersion" INTEGER NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "submittedById" TEXT NOT NULL,
    CONSTRAINT "ReportSubmission_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "ReportSubmission_reportId_number_key" ON "ReportSubmission"("reportId", "number");

CREATE TABLE "ReportDeletion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "deletedById" TEXT NOT NULL,
    "deletedAt" DATETIME NOT NULL
);
CREATE INDEX "ReportDeletion_agencyId_idx" ON "ReportDeletion"("agencyId");
CREATE INDEX "ReportDeletion_reportId_idx" ON "ReportDeletion"("reportId");
