-- The coordinator's board, notices with their outbox, stored roll-ups (decision 0270)
CREATE TABLE "GovernmentSetting" (
    "agencyId" TEXT NOT NULL PRIMARY KEY,
    "departmentDeadline" TEXT,
    "governmentDeadline" TEXT,
    "reminderDays" TEXT NOT NULL DEFAULT '14,7,1',
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT
);
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "reportId" TEXT,
    "agencyId" TEXT,
    "year" INTEGER,
    "senderId" TEXT,
    "senderName" TEXT,
    "dedupeKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME
);
CREATE UNIQUE INDEX "Notice_dedupeKey_key" ON "Notice"("dedupeKey");
CREATE INDEX "Notice_userId_createdAt_idx" ON "Notice"("userId", "createdAt");
CREATE TABLE "NoticeOutbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "noticeId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT
);
CREATE INDEX "NoticeOutbox_sentAt_createdAt_idx" ON "NoticeOutbox"("sentAt", "createdAt");
CREATE TABLE "Rollup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "formatVersion" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "reportId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "Rollup_agencyId_year_createdAt_idx" ON "Rollup"("agencyId", "year", "createdAt");
CREATE INDEX "Agency_parentId_idx" ON "Agency"("parentId");
