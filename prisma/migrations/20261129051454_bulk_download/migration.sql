-- CreateTable
CREATE TABLE "BulkDownload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "BulkDownloadEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "downloadId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "claimedAt" DATETIME,
    "body" BLOB,
    "method" INTEGER,
    "crc32" INTEGER,
    "size" INTEGER,
    "error" TEXT,
    CONSTRAINT "BulkDownloadEntry_downloadId_fkey" FOREIGN KEY ("downloadId") REFERENCES "BulkDownload" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);


-- CreateIndex
CREATE INDEX "BulkDownload_agencyId_year_createdAt_idx" ON "BulkDownload"("agencyId", "year", "createdAt");
CREATE UNIQUE INDEX "BulkDownloadEntry_downloadId_position_key" ON "BulkDownloadEntry"("downloadId", "position");
CREATE INDEX "BulkDownloadEntry_downloadId_status_idx" ON "BulkDownloadEntry"("downloadId", "status");
