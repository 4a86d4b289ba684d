-- Agency: an immutable code and an optional predecessor (docs/decisions/0040). Existing agencies
-- get a code derived from their id ('agency-' + the cuid: unique, stable, a valid code), and the
-- demo agencies the readable codes scripts/seed.ts gives them. (No semicolons in comments: the
-- PostgreSQL adapter splits a script at each one.)
ALTER TABLE "Agency" ADD COLUMN "code" TEXT,
ADD COLUMN "predecessorId" TEXT;

UPDATE "Agency" SET "code" = CASE "name"
    WHEN '张店区人民政府' THEN 'zhangdian'
    WHEN '张店区人民政府办公室' THEN 'zhangdian-office'
    WHEN '淄博市张店区机关事务服务中心' THEN 'zhangdian-jgsw'
    WHEN '淄川区人民政府' THEN 'zichuan'
    ELSE 'agency-' || lower("id")
END;

ALTER TABLE "Agency" ALTER COLUMN "code" SET NOT NULL;

CREATE UNIQUE INDEX "Agency_code_key" ON "Agency"("code");

ALTER TABLE "Agency" ADD CONSTRAINT "Agency_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Report: identified by (agency, year, kind). Every existing report is the agency's own, 本级.
ALTER TABLE "Report" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'report',
ADD COLUMN "scope" TEXT NOT NULL DEFAULT 'self';

DROP INDEX "Report_agencyId_year_key";

CREATE UNIQUE INDEX "Report_agencyId_year_kind_key" ON "Report"("agencyId", "year", "kind");
