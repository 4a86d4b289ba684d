-- The PDF of an approved version, built once and kept (issue 12).
CREATE TABLE "ReportPdf" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "body" BYTEA NOT NULL,
    "fonts" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReportPdf_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ReportPdf_versionId_signature_key" ON "ReportPdf"("versionId", "signature");
ALTER TABLE "ReportPdf" ADD CONSTRAINT "ReportPdf_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ReportVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
