-- Publication record, withdrawal, correction note, frozen public files, portal origin (decision 0300)
ALTER TABLE "ReportVersion" ADD COLUMN "secrecyReviewer" TEXT;
ALTER TABLE "ReportVersion" ADD COLUMN "secrecyReviewedOn" TEXT;
ALTER TABLE "ReportVersion" ADD COLUMN "secrecyConclusion" TEXT;
ALTER TABLE "ReportVersion" ADD COLUMN "secrecyRecordedById" TEXT;
ALTER TABLE "ReportVersion" ADD COLUMN "secrecyRecordedAt" DATETIME;
ALTER TABLE "ReportVersion" ADD COLUMN "correctionNote" TEXT;
ALTER TABLE "ReportVersion" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "ReportVersion" ADD COLUMN "withdrawnReason" TEXT;
ALTER TABLE "ReportVersion" ADD COLUMN "withdrawnById" TEXT;
ALTER TABLE "ReportVersion" ADD COLUMN "withdrawnByName" TEXT;
ALTER TABLE "GovernmentSetting" ADD COLUMN "portalOrigin" TEXT;
CREATE TABLE "PublishedFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "body" BLOB NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PublishedFile_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ReportVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "PublishedFile_versionId_kind_key" ON "PublishedFile"("versionId", "kind");
