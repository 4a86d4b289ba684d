-- Batches of published reports to read, and their documents (issue 15).
CREATE TABLE "ImportBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdById" TEXT NOT NULL,
    "agencyId" TEXT,
    "purpose" TEXT NOT NULL,
    "expected" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "ImportBatch_createdById_createdAt_idx" ON "ImportBatch"("createdById", "createdAt");
CREATE TABLE "ImportItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "batchId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" BLOB,
    "result" TEXT,
    "error" TEXT,
    "agencyName" TEXT,
    "year" INTEGER,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "warningCount" INTEGER NOT NULL DEFAULT 0,
    "findings" TEXT,
    "reportId" TEXT,
    "readAt" DATETIME,
    CONSTRAINT "ImportItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "ImportItem_batchId_position_key" ON "ImportItem"("batchId", "position");
CREATE INDEX "ImportItem_batchId_status_idx" ON "ImportItem"("batchId", "status");
