-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "deactivatedAt" TIMESTAMP(3);
