-- Who did it, as they were named then: a rename no longer rewrites the history, the comments
-- or who approved and published (issue 11, finding 4). Existing rows take the current names.
ALTER TABLE "ReportEvent" ADD COLUMN "actorName" TEXT;
ALTER TABLE "ReportVersion" ADD COLUMN "approvedByName" TEXT;
ALTER TABLE "ReportVersion" ADD COLUMN "publishedByName" TEXT;
ALTER TABLE "Comment" ADD COLUMN "authorName" TEXT;
ALTER TABLE "Comment" ADD COLUMN "resolvedByName" TEXT;
UPDATE "ReportEvent" SET "actorName" = (SELECT "name" FROM "user" WHERE "user"."id" = "ReportEvent"."actor") WHERE "actor" IS NOT NULL;
UPDATE "ReportVersion" SET "approvedByName" = (SELECT "name" FROM "user" WHERE "user"."id" = "ReportVersion"."approvedById");
UPDATE "ReportVersion" SET "publishedByName" = (SELECT "name" FROM "user" WHERE "user"."id" = "ReportVersion"."publishedById") WHERE "publishedById" IS NOT NULL;
UPDATE "Comment" SET "authorName" = (SELECT "name" FROM "user" WHERE "user"."id" = "Comment"."authorId");
UPDATE "Comment" SET "resolvedByName" = (SELECT "name" FROM "user" WHERE "user"."id" = "Comment"."resolvedById") WHERE "resolvedById" IS NOT NULL;
