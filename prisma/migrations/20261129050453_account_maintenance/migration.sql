-- Account maintenance (decision 0360): deactivation and a forced password change
ALTER TABLE "user" ADD COLUMN "deactivatedAt" DATETIME;
ALTER TABLE "user" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
