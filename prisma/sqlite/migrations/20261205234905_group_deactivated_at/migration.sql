-- AlterTable
ALTER TABLE "Group" ADD COLUMN "deactivatedAt" DATETIME;
