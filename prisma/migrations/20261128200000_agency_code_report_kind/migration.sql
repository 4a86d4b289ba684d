-- Agency: an immutable code and an optional predecessor (docs/decisions/0040). Existing agencies
-- get a code derived from their id ('agency-' + the cuid: unique, stable, a valid code), and the
-- demo agencies the readable codes scripts/seed.ts gives them. (No semicolons in comments: the
-- PostgreSQL adapter splits a script at each one.)
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Agency" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "level" TEXT,
    "parentId" TEXT,
    "predecessorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Agency_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Agency" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Agency_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Agency" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Agency" ("id", "code", "name", "type", "level", "parentId", "predecessorId", "createdAt")
SELECT "id",
    CASE "name"
        WHEN '张店区人民政府' THEN 'zhangdian'
        WHEN '张店区人民政府办公室' THEN 'zhangdian-office'
        WHEN '淄博市张店区机关事务服务中心' THEN 'zhangdian-jgsw'
        WHEN '淄川区人民政府' THEN 'zichuan'
        ELSE 'agency-' || lower("id")
    END,
    "name", "type", "level", "parentId", NULL, "createdAt"
FROM "Agency";
DROP TABLE "Agency";
ALTER TABLE "new_Agency" RENAME TO "Agency";
CREATE UNIQUE INDEX "Agency_code_key" ON "Agency"("code");
CREATE UNIQUE INDEX "Agency_name_key" ON "Agency"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Report: identified by (agency, year, kind). Every existing report is the agency's own, 本级.
ALTER TABLE "Report" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'report';
ALTER TABLE "Report" ADD COLUMN "scope" TEXT NOT NULL DEFAULT 'self';
DROP INDEX "Report_agencyId_year_key";
CREATE UNIQUE INDEX "Report_agencyId_year_kind_key" ON "Report"("agencyId", "year", "kind");
