-- Account maintenance (decision 0360): deactivation and a forced password change
ALTER TABLE "user" ADD COLUMN "deactivatedAt" TIMESTAMP(3);
ALTER TABLE "user" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
