-- Batches of published reports to read, and their documents (issue 15).
CREATE TABLE "ImportBatch" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "agencyId" TEXT,
    "purpose" TEXT NOT NULL,
    "expected" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ImportBatch_createdById_createdAt_idx" ON "ImportBatch"("createdById", "createdAt");
CREATE TABLE "ImportItem" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" BYTEA,
    "result" TEXT,
    "error" TEXT,
    "agencyName" TEXT,
    "year" INTEGER,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "warningCount" INTEGER NOT NULL DEFAULT 0,
    "findings" TEXT,
    "reportId" TEXT,
    "readAt" TIMESTAMP(3),
    CONSTRAINT "ImportItem_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ImportItem_batchId_position_key" ON "ImportItem"("batchId", "position");
CREATE INDEX "ImportItem_batchId_status_idx" ON "ImportItem"("batchId", "status");
ALTER TABLE "ImportItem" ADD CONSTRAINT "ImportItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
