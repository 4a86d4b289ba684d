-- The audit trail of sign-ins, password changes and administration, and the per-account sign-in throttle.
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "subject" TEXT,
    "address" TEXT,
    "detail" TEXT
);
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE TABLE "SignInThrottle" (
    "email" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
