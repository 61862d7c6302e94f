-- AlterTable
ALTER TABLE "Member" ADD COLUMN "chatUserId" TEXT;
