-- AlterTable
ALTER TABLE "Report" ADD COLUMN "blankCount" INTEGER;
ALTER TABLE "Report" ADD COLUMN "errorCount" INTEGER;
ALTER TABLE "Report" ADD COLUMN "warningCount" INTEGER;
