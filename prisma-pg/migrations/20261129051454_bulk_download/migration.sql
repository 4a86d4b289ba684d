-- CreateTable
CREATE TABLE "BulkDownload" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "BulkDownload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkDownloadEntry" (
    "id" TEXT NOT NULL,
    "downloadId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3),
    "body" BYTEA,
    "method" INTEGER,
    "crc32" INTEGER,
    "size" INTEGER,
    "error" TEXT,
    CONSTRAINT "BulkDownloadEntry_pkey" PRIMARY KEY ("id")
);


-- CreateIndex
CREATE INDEX "BulkDownload_agencyId_year_createdAt_idx" ON "BulkDownload"("agencyId", "year", "createdAt");
CREATE UNIQUE INDEX "BulkDownloadEntry_downloadId_position_key" ON "BulkDownloadEntry"("downloadId", "position");
CREATE INDEX "BulkDownloadEntry_downloadId_status_idx" ON "BulkDownloadEntry"("downloadId", "status");

-- AddForeignKey
ALTER TABLE "BulkDownloadEntry" ADD CONSTRAINT "BulkDownloadEntry_downloadId_fkey" FOREIGN KEY ("downloadId") REFERENCES "BulkDownload"("id") ON DELETE CASCADE ON UPDATE CASCADE;
