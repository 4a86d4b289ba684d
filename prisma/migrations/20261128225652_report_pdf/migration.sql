-- The PDF of an approved version, built once and kept (issue 12).
CREATE TABLE "ReportPdf" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "body" BLOB NOT NULL,
    "fonts" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReportPdf_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ReportVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "ReportPdf_versionId_signature_key" ON "ReportPdf"("versionId", "signature");
